using System.Globalization;
using ServerlessMail.Api.Contracts;

namespace ServerlessMail.Api.Http;

/// <summary>Writes problem JSON (RFC 7807 §3) with the source-generated serializer.</summary>
internal static class ProblemWriter
{
    public const string ContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext context, ApiProblem problem)
    {
        var response = context.Response;
        response.Clear();
        response.StatusCode = problem.Status;
        if (problem.RetryAfter is { } wait)
        {
            // RFC 9110 §10.2.3: delay-seconds, rounded up so a client never retries early.
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (problem.Status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        response.ContentType = ContentType;
        await System.Text.Json.JsonSerializer.SerializeAsync(response.Body, problem.ToBody(context.Request.Path), ApiJsonContext.Default.ProblemBody, context.RequestAborted).ConfigureAwait(false);
    }
}
