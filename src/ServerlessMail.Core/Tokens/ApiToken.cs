namespace ServerlessMail.Core;

/// <summary>
/// An API token as stored: never the secret, only its SHA-256. <see cref="InboxId"/> null means account scope.
/// <see cref="DisplayPrefix"/> and <see cref="LastFour"/> let people recognise a token in a list.
/// </summary>
public sealed record ApiToken(
    string Id,
    string AccountId,
    string Name,
    string? InboxId,
    TokenPermissions Permissions,
    ReadOnlyMemory<byte> Hash,
    string DisplayPrefix,
    string LastFour,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}
