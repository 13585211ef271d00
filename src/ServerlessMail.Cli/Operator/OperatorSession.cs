using ServerlessMail.Core;
using ServerlessMail.Hosting;

namespace ServerlessMail.Cli.Operator;

/// <summary>
/// The store an operator command works on: the same one <c>serve</c> opens from the same settings (the embedded
/// store allows both at once). The operator acts with full rights over the account a domain or inbox belongs to.
/// </summary>
internal sealed class OperatorSession : IAsyncDisposable
{
    private readonly OpenedStore _opened;

    private OperatorSession(OpenedStore opened)
    {
        _opened = opened;
        var clock = TimeProvider.System;
        Tokens = new TokenService(opened.Store, clock);
        Inboxes = new InboxService(opened.Store, opened.Blobs, clock);
        Accounts = new AccountService(opened.Store, Tokens, clock);

        // No relay signal or notifier reaches the server from here: its relay worker finds the queued message on its
        // next poll (RelayOptions.PollInterval), and its IMAP sessions on their next re-check.
        var threads = new ThreadResolver(opened.Store, clock);
        Outbound = new OutboundService(opened.Store, opened.Blobs, new QuotaService(opened.Store, clock), threads, clock);
    }

    public IMailStore Store => _opened.Store;

    public IBlobStore Blobs => _opened.Blobs;

    public OutboundService Outbound { get; }

    public TokenService Tokens { get; }

    public InboxService Inboxes { get; }

    public AccountService Accounts { get; }

    public static async Task<OperatorSession> OpenAsync(SettingSource source, CancellationToken cancellationToken)
    {
        StoreOptions options;
        try
        {
            options = ServerOptionsBinder.BindStore(source);
        }
        catch (OptionsException exception)
        {
            throw new CliException(exception.Message, ExitCodes.BadOptions);
        }

        try
        {
            return new OperatorSession(await OpenedStore.OpenAsync(options, TimeProvider.System, cancellationToken).ConfigureAwait(false));
        }
        catch (MailStoreException exception)
        {
            throw new CliException($"could not open the mail store: {exception.Message}", ExitCodes.StartFailed);
        }
    }

    /// <summary>Acting for the operator on an account: every permission, account scope.</summary>
    public static Principal OperatorOf(string accountId) => new(accountId, "operator", null, TokenPermissions.All);

    /// <summary>The inbox with this address, or a readable error.</summary>
    public async Task<Inbox> InboxAsync(string address, CancellationToken cancellationToken)
    {
        var normalized = RecipientResolver.Normalize(address) ?? throw new CliException($"'{address}' is not an address (local@domain).");
        return await Store.FindInboxByAddressAsync(normalized.Local + "@" + normalized.Domain, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"no inbox {address}; create it with 'serverlessmail inbox create {address}'.");
    }

    /// <summary>Runs a command's work, turning the store's typed errors into one readable line.</summary>
    public static async Task<int> RunAsync(SettingSource source, Func<OperatorSession, Task<int>> work, CancellationToken cancellationToken)
    {
        var session = await OpenAsync(source, cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            try
            {
                return await work(session).ConfigureAwait(false);
            }
            catch (MailStoreException exception)
            {
                throw new CliException(exception.Message);
            }
        }
    }

    public ValueTask DisposeAsync() => _opened.DisposeAsync();
}
