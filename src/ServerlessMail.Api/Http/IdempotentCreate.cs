namespace ServerlessMail.Api.Http;

/// <summary>
/// What the create endpoints share for <c>Idempotency-Key</c>: the key, and the two answers to a retry. Core derives
/// the new resource's id from the account and the key, so a retry finds the first attempt's resource in the store,
/// in any process and after a restart. The endpoint then compares the retry's request with that resource: the same
/// request is answered as the first was (marked <c>Idempotent-Replayed</c>), a different one gets 409.
/// </summary>
internal static class IdempotentCreate
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The request's key, or null without one (the middleware already refused one that is too long).</summary>
    public static string? KeyOf(HttpContext context)
    {
        var key = context.Request.Headers[IdempotencyMiddleware.HeaderName].ToString();
        return key.Length > 0 ? key : null;
    }

    /// <summary>Marks the answer as a replay, or refuses a retry that asks for something else under the same key.</summary>
    public static void Replay(HttpContext context, bool sameRequest)
    {
        if (!sameRequest)
        {
            throw Reused();
        }

        context.Response.Headers[ReplayedHeader] = "true";
    }

    public static ApiProblem Reused() =>
        ApiProblem.Conflict("idempotency-key-reused", "This Idempotency-Key was already used for a different request.");
}
