using ServerlessMail.Core;

namespace ServerlessMail.Api;

/// <summary>
/// The Core services and ports the API runs on, composed by the host (the local server, or the Lambda host). The API
/// never names a storage adapter: the host passes in whichever store it opened.
/// </summary>
public sealed record ApiServices(
    IMailStore Store,
    IBlobStore Blobs,
    TokenService Tokens,
    InboxService Inboxes,
    OutboundService Outbound,
    MessageAppendService Append,
    MailboxNotifier Notifier,
    ThreadResolver Threads,
    QuotaService Quotas,
    AccountService Accounts,
    TimeProvider Clock);
