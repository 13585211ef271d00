using ServerlessMail.Core;

namespace ServerlessMail.Api.Http;

/// <summary>
/// Authenticates every <c>/v1</c> request from <c>Authorization: Bearer</c> or <c>X-API-Key</c> and stores the
/// <see cref="Principal"/> for the endpoints and the rate limiter. A token in the query string is refused outright:
/// URLs end up in logs, proxies and browser history (RFC 6750 §5.3). Every failed check gets the same 401, so a
/// caller learns nothing about which tokens exist or were revoked. The secret itself is never logged.
/// Failures are budgeted per client address (<see cref="FailedAuthLimiter"/>): past the budget, 429 before any lookup.
/// </summary>
internal sealed class TokenAuthentication(RequestDelegate next, TokenService tokens, FailedAuthLimiter failures)
{
    private const string PrincipalKey = "serverlessmail.principal";

    private static readonly string[] QueryTokenNames = ["token", "access_token", "api_key", "apikey", "key"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ApiApp.BasePath, StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        foreach (var name in QueryTokenNames)
        {
            if (context.Request.Query.ContainsKey(name))
            {
                throw new ApiProblem(StatusCodes.Status401Unauthorized, "token-in-query", "Tokens are not accepted in the query string.", "Send the token in the Authorization header (Bearer) or X-API-Key.");
            }
        }

        var secret = ReadSecret(context.Request) ?? throw ApiProblem.Unauthorized("Send the token as 'Authorization: Bearer <token>' or 'X-API-Key: <token>'.");
        var address = context.Connection.RemoteIpAddress;
        if (failures.RefusalFor(address) is { } wait)
        {
            throw new ApiProblem(StatusCodes.Status429TooManyRequests, "auth-rate-limited", "Too many failed authentications from this address.", "Check the token, then retry after the Retry-After delay.")
            {
                RetryAfter = wait,
            };
        }

        var check = await tokens.CheckAsync(secret, context.RequestAborted).ConfigureAwait(false);
        if (!check.IsValid || check.Principal is null)
        {
            failures.RecordFailure(address);
            throw ApiProblem.Unauthorized("The token is not valid.");
        }

        context.Items[PrincipalKey] = check.Principal;
        await next(context).ConfigureAwait(false);
    }

    public static Principal? Find(HttpContext context) => context.Items.TryGetValue(PrincipalKey, out var value) ? value as Principal : null;

    private static string? ReadSecret(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            const string scheme = "Bearer ";
            return authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? authorization[scheme.Length..].Trim() : null;
        }

        var key = request.Headers["X-API-Key"].ToString().Trim();
        return key.Length > 0 ? key : null;
    }
}

internal static class PrincipalExtensions
{
    /// <summary>The authenticated caller; only <c>/v1</c> endpoints, which always pass authentication, call this.</summary>
    public static Principal Caller(this HttpContext context) =>
        TokenAuthentication.Find(context) ?? throw ApiProblem.Unauthorized("A valid API token is required.");

    /// <summary>403 when the token lacks <paramref name="permission"/>; call after the resource was found in scope (404 first).</summary>
    public static void Require(this Principal principal, TokenPermissions permission)
    {
        if (!principal.Has(permission))
        {
            throw ApiProblem.Forbidden($"This needs the '{permission.ToString().ToLowerInvariant()}' permission.");
        }
    }
}
