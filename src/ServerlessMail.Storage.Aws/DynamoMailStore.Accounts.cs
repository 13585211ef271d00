using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    private const string NotExists = "attribute_not_exists(" + Attr.Pk + ")";
    private const string Exists = "attribute_exists(" + Attr.Pk + ")";

    public async Task CreateAccountAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!await _table.TryPutAsync(AccountMapper.ToItem(account), NotExists, cancellationToken).ConfigureAwait(false))
        {
            throw MailStoreException.Conflict($"The account '{account.Id}' already exists.");
        }
    }

    public async Task<Account?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(accountId))
        {
            return null;
        }

        var item = await _table.GetAsync(Keys.Account(accountId), Keys.AccountSk, cancellationToken).ConfigureAwait(false);
        return item is null ? null : AccountMapper.FromItem(item);
    }

    /// <summary>A put conditional on the account existing; the creation time is carried over from the stored item.</summary>
    public async Task UpdateAccountAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var stored = await GetAccountAsync(account.Id, cancellationToken).ConfigureAwait(false)
            ?? throw MailStoreException.NotFound("The account");
        if (!await _table.TryPutAsync(AccountMapper.ToItem(account with { CreatedAt = stored.CreatedAt }), Exists, cancellationToken).ConfigureAwait(false))
        {
            throw MailStoreException.NotFound("The account");
        }
    }

    /// <summary>The claim by name and the copy in the account's partition are written together, so listing is strongly consistent.</summary>
    public async Task AddDomainAsync(MailDomain domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var outcome = await CommitAsync(
            "Adding the domain",
            () =>
            [
                DynamoTable.Put(DomainMapper.ToItem(domain, accountCopy: false), NotExists),
                DynamoTable.Put(DomainMapper.ToItem(domain, accountCopy: true)),
            ],
            cancellationToken).ConfigureAwait(false);
        if (outcome.ConditionFailed(0))
        {
            throw MailStoreException.Conflict($"The domain '{domain.Name}' is already taken.");
        }

        outcome.EnsureCommitted("Adding the domain");
    }

    public async Task<MailDomain?> GetDomainAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(name))
        {
            return null;
        }

        var item = await _table.GetAsync(Keys.Domain(name), Keys.DomainSk, cancellationToken).ConfigureAwait(false);
        return item is null ? null : DomainMapper.FromItem(item);
    }

    public async Task UpdateDomainAsync(MailDomain domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var stored = await GetDomainAsync(domain.Name, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.AccountId != domain.AccountId)
        {
            throw MailStoreException.NotFound("The domain");
        }

        var outcome = await CommitAsync(
            "Updating the domain",
            () =>
            [
                DynamoTable.Put(DomainMapper.ToItem(domain, accountCopy: false), Exists),
                DynamoTable.Put(DomainMapper.ToItem(domain, accountCopy: true)),
            ],
            cancellationToken).ConfigureAwait(false);
        if (outcome.ConditionFailed(0))
        {
            throw MailStoreException.NotFound("The domain");
        }

        outcome.EnsureCommitted("Updating the domain");
    }

    public async Task<IReadOnlyList<MailDomain>> ListDomainsAsync(string accountId, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(accountId))
        {
            return [];
        }

        var items = await _table.QueryAllAsync(BeginsWith(Keys.Account(accountId), Keys.DomainCopyPrefix), cancellationToken).ConfigureAwait(false);
        return items.Select(DomainMapper.FromItem).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    private static QueryRequest BeginsWith(string pk, string skPrefix, bool forward = true) => new()
    {
        KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
        ExpressionAttributeNames = new() { ["#pk"] = Attr.Pk, ["#sk"] = Attr.Sk },
        ExpressionAttributeValues = new() { [":pk"] = Av.S(pk), [":prefix"] = Av.S(skPrefix) },
        ScanIndexForward = forward,
    };

    /// <summary>
    /// Runs a transaction, rebuilding and retrying it while it only conflicted with concurrent writers. The outcome
    /// is committed, or cancelled because a condition failed (the caller says what that means).
    /// </summary>
    private Task<TransactionOutcome> CommitAsync(string what, Func<List<TransactWriteItem>> build, CancellationToken cancellationToken) =>
        Contention.RetryAsync(
            _options.ContentionBudget,
            what,
            async _ =>
            {
                var outcome = await _table.TransactAsync(build(), cancellationToken).ConfigureAwait(false);
                return (!outcome.Conflicted, outcome);
            },
            cancellationToken);
}
