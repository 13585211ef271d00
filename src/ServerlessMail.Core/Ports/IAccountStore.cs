namespace ServerlessMail.Core;

public interface IAccountStore
{
    /// <summary>Creates the account. An existing id: <see cref="MailStoreError.Conflict"/>.</summary>
    Task CreateAccountAsync(Account account, CancellationToken cancellationToken = default);

    Task<Account?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces an account's name and limits; its id and creation time stay. An unknown account:
    /// <see cref="MailStoreError.NotFound"/>. Send counters already charged are kept: a lower limit applies from the
    /// next send.
    /// </summary>
    Task UpdateAccountAsync(Account account, CancellationToken cancellationToken = default);

    /// <summary>Adds a domain (name lower-case). A domain any account already has: <see cref="MailStoreError.Conflict"/>.</summary>
    Task AddDomainAsync(MailDomain domain, CancellationToken cancellationToken = default);

    Task<MailDomain?> GetDomainAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Replaces a domain's settings (its catch-all inbox, its default flag).</summary>
    Task UpdateDomainAsync(MailDomain domain, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<MailDomain>> ListDomainsAsync(string accountId, CancellationToken cancellationToken = default);
}
