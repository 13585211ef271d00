using ServerlessMail.Core;

namespace ServerlessMail.Api.Contracts;

/// <summary><see cref="Scope"/> is <c>account</c> or <c>inbox</c> (with <see cref="InboxId"/>); permissions are read, send, delete, manage, admin.</summary>
internal sealed record CreateTokenRequest(string Name, string Scope, string? InboxId, IReadOnlyList<string> Permissions, DateTimeOffset? ExpiresAt);

/// <summary>A token as listed: never the secret, only its first and last characters to recognise it by.</summary>
internal sealed record TokenBody(
    string Id,
    string Name,
    string Scope,
    string? InboxId,
    IReadOnlyList<string> Permissions,
    string Prefix,
    string LastFour,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public static TokenBody Of(ApiToken token) => new(
        token.Id, token.Name, token.InboxId is null ? "account" : "inbox", token.InboxId, PermissionNames.Of(token.Permissions),
        token.DisplayPrefix, token.LastFour, token.CreatedAt, token.ExpiresAt, token.LastUsedAt, token.RevokedAt);
}

/// <summary>The answer to a create: the secret is in this response and nowhere else, ever.</summary>
internal sealed record CreatedTokenBody(TokenBody Token, string Secret);

internal static class PermissionNames
{
    private static readonly (string Name, TokenPermissions Value)[] Names =
    [
        ("read", TokenPermissions.Read), ("send", TokenPermissions.Send), ("delete", TokenPermissions.Delete),
        ("manage", TokenPermissions.Manage), ("admin", TokenPermissions.Admin),
    ];

    public static IReadOnlyList<string> Of(TokenPermissions permissions) =>
        Names.Where(n => (permissions & n.Value) != 0).Select(n => n.Name).ToList();

    public static bool TryParse(IReadOnlyList<string>? names, out TokenPermissions permissions)
    {
        permissions = TokenPermissions.None;
        foreach (var name in names ?? [])
        {
            var match = Array.FindIndex(Names, n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));
            if (match < 0)
            {
                return false;
            }

            permissions |= Names[match].Value;
        }

        return permissions != TokenPermissions.None;
    }
}
