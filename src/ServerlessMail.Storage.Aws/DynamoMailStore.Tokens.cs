using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    private const int HashLength = 32;

    /// <summary>The token by id and its copy by hash, written together.</summary>
    public async Task CreateTokenAsync(ApiToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        CheckLength(token.Name, ModelLimits.TokenName, "name");
        if (token.Hash.Length != HashLength)
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, "A token hash is a SHA-256.");
        }

        var outcome = await CommitAsync(
            "Creating the token",
            () => [DynamoTable.Put(TokenMapper.ToItem(token, hashCopy: false), NotExists), DynamoTable.Put(TokenMapper.ToItem(token, hashCopy: true), NotExists)],
            cancellationToken).ConfigureAwait(false);
        if (outcome.FirstConditionFailure() >= 0)
        {
            throw MailStoreException.Conflict("The token already exists.");
        }

        outcome.EnsureCommitted("Creating the token");
    }

    /// <summary>One strongly consistent GetItem of the copy by hash: a revocation committed before is always seen.</summary>
    public async Task<ApiToken?> FindTokenByHashAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default)
    {
        if (hash.Length != HashLength)
        {
            return null;
        }

        var item = await _table.GetAsync(Keys.TokenHash(hash.Span), Keys.TokenSk, cancellationToken).ConfigureAwait(false);
        return item is null ? null : TokenMapper.FromItem(item);
    }

    public async Task<ApiToken?> GetTokenAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(tokenId))
        {
            return null;
        }

        var item = await _table.GetAsync(Keys.Token(tokenId), Keys.TokenSk, cancellationToken).ConfigureAwait(false);
        return item is null ? null : TokenMapper.FromItem(item);
    }

    /// <summary>GSI1 (eventually consistent: a token created a moment ago may be missing from the list, never from a check).</summary>
    public async Task<IReadOnlyList<ApiToken>> ListTokensAsync(string accountId, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(accountId))
        {
            return [];
        }

        var items = await _table.QueryAllAsync(
            new QueryRequest
            {
                IndexName = TableSchema.ByParent,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = Attr.Gsi1Pk },
                ExpressionAttributeValues = new() { [":pk"] = Av.S(Keys.TokensOf(accountId)) },
                ScanIndexForward = false,
            },
            cancellationToken).ConfigureAwait(false);
        return items.Select(TokenMapper.FromItem).ToList();
    }

    /// <summary><c>SET rv = if_not_exists(rv, :at)</c> on both copies: revoking twice keeps the first time.</summary>
    public Task RevokeTokenAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        UpdateTokenAsync(tokenId, "SET #a = if_not_exists(#a, :at)", Attr.RevokedAt, at, cancellationToken);

    public Task TouchTokenAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        UpdateTokenAsync(tokenId, "SET #a = :at", Attr.LastUsedAt, at, cancellationToken);

    private async Task UpdateTokenAsync(string tokenId, string expression, string attribute, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(tokenId, cancellationToken).ConfigureAwait(false) ?? throw MailStoreException.NotFound("The token");
        Update On(string pk) => new()
        {
            Key = Av.Key(pk, Keys.TokenSk),
            UpdateExpression = expression,
            ConditionExpression = Exists,
            ExpressionAttributeNames = new() { ["#a"] = attribute },
            ExpressionAttributeValues = new() { [":at"] = Av.Date(at) },
        };
        var outcome = await CommitAsync(
            "Updating the token",
            () => [DynamoTable.Write(On(Keys.Token(token.Id))), DynamoTable.Write(On(Keys.TokenHash(token.Hash.Span)))],
            cancellationToken).ConfigureAwait(false);
        if (outcome.FirstConditionFailure() >= 0)
        {
            throw MailStoreException.NotFound("The token");
        }

        outcome.EnsureCommitted("Updating the token");
    }
}
