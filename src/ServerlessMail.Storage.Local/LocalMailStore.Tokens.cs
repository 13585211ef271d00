using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Rows;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    private const string SelectToken = $"SELECT {TokenRows.Columns} FROM tokens WHERE id = $id";
    private const string SelectTokenByHash = $"SELECT {TokenRows.Columns} FROM tokens WHERE hash = $hash";
    private const string SelectTokens = $"SELECT {TokenRows.Columns} FROM tokens WHERE account_id = $account ORDER BY id";
    private const string TokenTaken = "SELECT 1 FROM tokens WHERE id = $id OR hash = $hash";
    private const string InsertToken = """
        INSERT INTO tokens (id, account_id, name, inbox_id, permissions, hash, display_prefix, last_four, created_at, expires_at,
                            last_used_at, revoked_at)
        VALUES ($id, $account, $name, $inbox, $permissions, $hash, $prefix, $lastFour, $createdAt, $expiresAt, $lastUsedAt, $revokedAt)
        """;

    private const string RevokeToken = "UPDATE tokens SET revoked_at = coalesce(revoked_at, $at) WHERE id = $id";

    // "Last used" only moves forward: two edges touching at once must not take it back.
    private const string TouchToken = "UPDATE tokens SET last_used_at = max(coalesce(last_used_at, $at), $at) WHERE id = $id";

    public Task CreateTokenAsync(ApiToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return WriteAsync(
            session =>
            {
                StoreValidation.TokenName(token.Name);
                RequireAccount(session, token.AccountId);
                if (session.Command(TokenTaken).Bind("$id", token.Id).Bind("$hash", token.Hash).QueryInt64() is not null)
                {
                    throw MailStoreException.Conflict("The token already exists.");
                }

                session.Command(InsertToken)
                    .Bind("$id", token.Id).Bind("$account", token.AccountId).Bind("$name", token.Name).Bind("$inbox", token.InboxId)
                    .Bind("$permissions", (int)token.Permissions).Bind("$hash", token.Hash).Bind("$prefix", token.DisplayPrefix)
                    .Bind("$lastFour", token.LastFour).Bind("$createdAt", token.CreatedAt).Bind("$expiresAt", token.ExpiresAt)
                    .Bind("$lastUsedAt", token.LastUsedAt).Bind("$revokedAt", token.RevokedAt)
                    .ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task<ApiToken?> FindTokenByHashAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default) =>
        ReadAsync(session => session.Command(SelectTokenByHash).Bind("$hash", hash).QuerySingle(TokenRows.Read), cancellationToken);

    public Task<ApiToken?> GetTokenAsync(string tokenId, CancellationToken cancellationToken = default) =>
        ReadAsync(session => session.Command(SelectToken).Bind("$id", tokenId).QuerySingle(TokenRows.Read), cancellationToken);

    public Task<IReadOnlyList<ApiToken>> ListTokensAsync(string accountId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<ApiToken>>(
            session => session.Command(SelectTokens).Bind("$account", accountId).QueryList(TokenRows.Read),
            cancellationToken);

    public Task RevokeTokenAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        UpdateTokenAsync(RevokeToken, tokenId, at, cancellationToken);

    public Task TouchTokenAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        UpdateTokenAsync(TouchToken, tokenId, at, cancellationToken);

    private Task<bool> UpdateTokenAsync(string sql, string tokenId, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(
            session =>
            {
                if (session.Command(sql).Bind("$id", tokenId).Bind("$at", at).ExecuteNonQuery() == 0)
                {
                    throw MailStoreException.NotFound("The token");
                }
            },
            cancellationToken);
}
