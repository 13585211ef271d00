using ServerlessMail.Core;

namespace ServerlessMail.Hosting;

/// <summary>
/// Core's services over the opened store, composed once per server and shared by every edge: SMTP, IMAP and the REST
/// API all write through these, so one <see cref="Notifier"/> hears every change this process makes (a delivery
/// wakes an IMAP IDLE and a REST wait-for alike) and one <see cref="Append"/> stores what clients hand over.
/// </summary>
public sealed record ServerServices(
    IMailStore Store,
    IBlobStore Blobs,
    TokenService Tokens,
    InboxService Inboxes,
    AccountService Accounts,
    RecipientResolver Recipients,
    ThreadResolver Threads,
    QuotaService Quotas,
    MailIngestService Ingest,
    OutboundService Outbound,
    MessageAppendService Append,
    MailboxNotifier Notifier,
    TimeProvider Clock);
