using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Rows;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    private const string SelectAccount = $"SELECT {AccountRows.Columns} FROM accounts WHERE id = $id";
    private const string AccountExists = "SELECT 1 FROM accounts WHERE id = $id";
    private const string InsertAccount = """
        INSERT INTO accounts (id, name, sends_per_day, sends_per_minute, stored_bytes_limit, created_at)
        VALUES ($id, $name, $perDay, $perMinute, $bytes, $createdAt)
        """;

    private const string UpdateAccountSql = """
        UPDATE accounts SET name = $name, sends_per_day = $perDay, sends_per_minute = $perMinute, stored_bytes_limit = $bytes
        WHERE id = $id
        """;

    private const string SelectDomain = $"SELECT {DomainRows.Columns} FROM domains WHERE name = $name";
    private const string SelectDomains = $"SELECT {DomainRows.Columns} FROM domains WHERE account_id = $account ORDER BY name";
    private const string DomainExists = "SELECT 1 FROM domains WHERE name = $name";
    private const string InsertDomain = """
        INSERT INTO domains (name, account_id, is_default, catch_all_inbox_id, created_at)
        VALUES ($name, $account, $isDefault, $catchAll, $createdAt)
        """;

    private const string UpdateDomainSql =
        "UPDATE domains SET is_default = $isDefault, catch_all_inbox_id = $catchAll WHERE name = $name AND account_id = $account";

    public Task CreateAccountAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return WriteAsync(
            session =>
            {
                if (session.Command(AccountExists).Bind("$id", account.Id).QueryInt64() is not null)
                {
                    throw MailStoreException.Conflict($"The account {account.Id} already exists.");
                }

                session.Command(InsertAccount)
                    .Bind("$id", account.Id).Bind("$name", account.Name).Bind("$perDay", account.Limits.SendsPerDay)
                    .Bind("$perMinute", account.Limits.SendsPerMinute).Bind("$bytes", account.Limits.StoredBytes)
                    .Bind("$createdAt", account.CreatedAt)
                    .ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task<Account?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        ReadAsync(session => session.Command(SelectAccount).Bind("$id", accountId).QuerySingle(AccountRows.Read), cancellationToken);

    public Task UpdateAccountAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return WriteAsync(
            session =>
            {
                var changed = session.Command(UpdateAccountSql)
                    .Bind("$id", account.Id).Bind("$name", account.Name).Bind("$perDay", account.Limits.SendsPerDay)
                    .Bind("$perMinute", account.Limits.SendsPerMinute).Bind("$bytes", account.Limits.StoredBytes)
                    .ExecuteNonQuery();
                if (changed == 0)
                {
                    throw MailStoreException.NotFound("The account");
                }
            },
            cancellationToken);
    }

    public Task AddDomainAsync(MailDomain domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return WriteAsync(
            session =>
            {
                RequireAccount(session, domain.AccountId);
                if (session.Command(DomainExists).Bind("$name", domain.Name).QueryInt64() is not null)
                {
                    throw MailStoreException.Conflict($"The domain {domain.Name} is already taken.");
                }

                RequireCatchAll(session, domain);
                session.Command(InsertDomain)
                    .Bind("$name", domain.Name).Bind("$account", domain.AccountId).Bind("$isDefault", domain.IsDefault)
                    .Bind("$catchAll", domain.CatchAllInboxId).Bind("$createdAt", domain.CreatedAt)
                    .ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task<MailDomain?> GetDomainAsync(string name, CancellationToken cancellationToken = default) =>
        ReadAsync(session => session.Command(SelectDomain).Bind("$name", name).QuerySingle(DomainRows.Read), cancellationToken);

    public Task UpdateDomainAsync(MailDomain domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return WriteAsync(
            session =>
            {
                RequireCatchAll(session, domain);
                var changed = session.Command(UpdateDomainSql)
                    .Bind("$name", domain.Name).Bind("$account", domain.AccountId).Bind("$isDefault", domain.IsDefault)
                    .Bind("$catchAll", domain.CatchAllInboxId)
                    .ExecuteNonQuery();
                if (changed == 0)
                {
                    throw MailStoreException.NotFound("The domain");
                }
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<MailDomain>> ListDomainsAsync(string accountId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<MailDomain>>(
            session => session.Command(SelectDomains).Bind("$account", accountId).QueryList(DomainRows.Read),
            cancellationToken);

    private static void RequireAccount(SqlSession session, string accountId)
    {
        if (session.Command(AccountExists).Bind("$id", accountId).QueryInt64() is null)
        {
            throw MailStoreException.NotFound("The account");
        }
    }

    /// <summary>A catch-all must be one of the domain's account's inboxes.</summary>
    private static void RequireCatchAll(SqlSession session, MailDomain domain)
    {
        if (domain.CatchAllInboxId is { } inboxId &&
            session.Command(InboxAccount).Bind("$id", inboxId).QueryString() != domain.AccountId)
        {
            throw MailStoreException.NotFound("The catch-all inbox");
        }
    }
}
