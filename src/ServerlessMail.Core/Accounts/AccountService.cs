namespace ServerlessMail.Core;

/// <summary>Creates accounts with their first domain and an admin token (first start, or an operator's command).</summary>
public sealed class AccountService(IMailStore store, TokenService tokens, TimeProvider clock)
{
    public async Task<(Account Account, string AdminToken)> CreateAsync(string name, string domain, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var normalized = RecipientResolver.Normalize("x@" + domain)?.Domain
            ?? throw new MailStoreException(MailStoreError.InvalidArgument, $"'{domain}' is not a valid domain.");
        var now = clock.GetUtcNow();
        var account = new Account(Ids.New(Ids.Account, clock), name, QuotaLimits.AccountDefault, now);
        await store.CreateAccountAsync(account, cancellationToken).ConfigureAwait(false);
        await store.AddDomainAsync(new MailDomain(normalized, account.Id, IsDefault: true, CatchAllInboxId: null, now), cancellationToken).ConfigureAwait(false);
        var (_, secret) = await tokens.CreateAsync(null, account.Id, "admin", null, TokenPermissions.All, null, cancellationToken).ConfigureAwait(false);
        return (account, secret);
    }
}
