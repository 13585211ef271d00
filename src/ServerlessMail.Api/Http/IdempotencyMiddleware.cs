using System.Security.Cryptography;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Http;

/// <summary>
/// Checks every POST's <c>Idempotency-Key</c>, and for sends (endpoints marked <see cref="RememberedInProcess"/>)
/// replays the first answer from a per-process map, per token and path. Creates need no map: their ids derive from
/// the key (<see cref="IdempotentCreate"/>). Sends are durable too (the outbound id derives from the key, so a retry
/// never sends twice, anywhere), but a stored send cannot be compared with a retried request, since composing
/// gives each attempt a new Date and Message-ID; the map is what still answers 409 to the same key with a different
/// body (and to a retry that overtakes the original still running) within one process. Only successful answers are
/// remembered, so a refused request can be corrected and sent again under its key.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyCache cache, ApiOptions options, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";

    // Create responses are small JSON documents; anything bigger is answered but not remembered.
    private const int MaxRememberedBody = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[HeaderName].ToString();
        var principal = TokenAuthentication.Find(context);
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || principal is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (key.Length > ModelLimits.IdempotencyKey)
        {
            throw ApiProblem.BadRequest($"The Idempotency-Key is longer than {ModelLimits.IdempotencyKey} characters.");
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<RememberedInProcess>() is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: options.MaxRequestBytes);
        var hash = await SHA256.HashDataAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        context.Request.Body.Position = 0;

        var cacheKey = principal.TokenId + "\n" + context.Request.Path + "\n" + key;
        if (cache.Find(cacheKey) is { } remembered)
        {
            await ReplayAsync(context, remembered, hash).ConfigureAwait(false);
            return;
        }

        if (!cache.TryBegin(cacheKey))
        {
            throw ApiProblem.Conflict("idempotency-in-progress", "A request with this Idempotency-Key is still being processed; retry shortly.");
        }

        IdempotentResponse? outcome = null;
        var original = context.Response.Body;
        using var capture = new MemoryStream();
        try
        {
            context.Response.Body = capture;
            await next(context).ConfigureAwait(false);
            var response = context.Response;
            if (response.StatusCode is >= 200 and < 300 && capture.Length <= MaxRememberedBody)
            {
                outcome = new IdempotentResponse(hash, response.StatusCode, response.ContentType, response.Headers.Location.ToString(), capture.ToArray(), clock.GetUtcNow() + options.IdempotencyLifetime);
            }
        }
        finally
        {
            context.Response.Body = original;
            cache.End(cacheKey, outcome);
        }

        capture.Position = 0;
        await capture.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task ReplayAsync(HttpContext context, IdempotentResponse remembered, byte[] hash)
    {
        if (!CryptographicOperations.FixedTimeEquals(remembered.RequestHash, hash))
        {
            throw ApiProblem.Conflict("idempotency-key-reused", "This Idempotency-Key was used with a different request body.");
        }

        var response = context.Response;
        response.StatusCode = remembered.Status;
        response.ContentType = remembered.ContentType;
        if (!string.IsNullOrEmpty(remembered.Location))
        {
            response.Headers.Location = remembered.Location;
        }

        response.Headers[IdempotentCreate.ReplayedHeader] = "true";
        await response.Body.WriteAsync(remembered.Body, context.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>Endpoint metadata: this POST's answers are replayed from the per-process idempotency map.</summary>
internal sealed class RememberedInProcess;
