namespace ServerlessMail.Core;

public interface ITokenStore
{
    Task CreateTokenAsync(ApiToken token, CancellationToken cancellationToken = default);

    /// <summary>The token whose SHA-256 is <paramref name="hash"/> (a consistent read: revocation shows at once), or null.</summary>
    Task<ApiToken?> FindTokenByHashAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default);

    Task<ApiToken?> GetTokenAsync(string tokenId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiToken>> ListTokensAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Marks the token revoked. Revoking twice keeps the first time.</summary>
    Task RevokeTokenAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task TouchTokenAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken = default);
}
