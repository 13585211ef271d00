using System.Globalization;
using ServerlessMail.Core;

namespace ServerlessMail.Functions;

/// <summary>
/// The HTTP API Lambda authorizer (payload 2.0, simple responses): the token from <c>Authorization: Bearer …</c> or
/// <c>X-API-Key</c> is checked with <see cref="TokenService.CheckAsync"/> against the store. Allowed, the context
/// carries <c>accountId</c>, <c>tokenId</c>, <c>scope</c> (<c>account</c> or <c>inbox</c>), <c>inboxId</c> (empty for
/// account scope) and <c>permissions</c> (comma-separated, lower case). Denied: no token, a malformed, unknown, revoked
/// or expired one, and a token of another account than the route's <c>{accountId}</c> (or than the account of its
/// <c>{inboxId}</c>, or an inbox-scoped token on another inbox). The API checks permissions itself as well: with
/// authorizer caching keyed on the token only, a cached answer may be reused for another route of the same token.
/// </summary>
public sealed class AuthorizerFunction : LambdaFunction
{
    private const string BearerPrefix = "Bearer ";

    public AuthorizerFunction()
        : base(null)
    {
    }

    public AuthorizerFunction(FunctionHost host)
        : base(host ?? throw new ArgumentNullException(nameof(host)))
    {
    }

    public override async Task<Stream> HandleAsync(Stream input)
    {
        var request = await FunctionJson.ReadAsync(input, FunctionJsonContext.Default.AuthorizerRequest, CancellationToken.None).ConfigureAwait(false);
        var host = await HostAsync().ConfigureAwait(false);
        var response = await AuthorizeAsync(host, request).ConfigureAwait(false);
        return FunctionJson.Write(response, FunctionJsonContext.Default.AuthorizerResponse);
    }

    private static async Task<AuthorizerResponse> AuthorizeAsync(FunctionHost host, AuthorizerRequest request)
    {
        var denied = new AuthorizerResponse(false, null);
        var secret = Secret(request.Headers);
        if (secret is null)
        {
            return denied;
        }

        var check = await host.Tokens.CheckAsync(secret).ConfigureAwait(false);
        if (!check.IsValid || check.Principal is not { } principal || !await RouteAllowsAsync(host, principal, request.PathParameters).ConfigureAwait(false))
        {
            return denied;
        }

        var context = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["accountId"] = principal.AccountId,
            ["tokenId"] = principal.TokenId,
            ["scope"] = principal.IsAccountScoped ? "account" : "inbox",
            ["inboxId"] = principal.InboxId ?? string.Empty,
            ["permissions"] = Permissions(principal.Permissions),
        };
        return new AuthorizerResponse(true, context);
    }

    /// <summary>The presented secret: <c>Authorization: Bearer</c> first, else <c>X-API-Key</c>; header names are case-insensitive.</summary>
    internal static string? Secret(IReadOnlyDictionary<string, string>? headers)
    {
        if (headers is null)
        {
            return null;
        }

        string? authorization = null;
        string? apiKey = null;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
            {
                authorization = value;
            }
            else if (name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase))
            {
                apiKey = value;
            }
        }

        if (authorization is not null)
        {
            return authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? authorization[BearerPrefix.Length..].Trim() : null;
        }

        return apiKey?.Trim();
    }

    private static async Task<bool> RouteAllowsAsync(FunctionHost host, Principal principal, IReadOnlyDictionary<string, string>? path)
    {
        if (path is null)
        {
            return true;
        }

        if (path.TryGetValue("accountId", out var accountId) && !string.Equals(accountId, principal.AccountId, StringComparison.Ordinal))
        {
            return false;
        }

        if (path.TryGetValue("inboxId", out var inboxId))
        {
            var inbox = await host.Store.GetInboxAsync(inboxId).ConfigureAwait(false);
            return inbox is not null && principal.Covers(inbox);
        }

        return true;
    }

    private static string Permissions(TokenPermissions permissions) =>
        string.Join(",", Enum.GetValues<TokenPermissions>()
            .Where(p => p is not (TokenPermissions.None or TokenPermissions.All) && (permissions & p) == p)
            .Select(p => p.ToString().ToLower(CultureInfo.InvariantCulture)));
}
