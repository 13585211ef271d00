using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ServerlessMail.Api.Http;

/// <summary>
/// Per-token rate limits with ASP.NET Core's limiter: one token bucket per token id, so one busy agent never slows
/// another. Requests without a principal (health, autoconfig) are not limited here; 401s are answered before this.
/// </summary>
internal static class RateLimiting
{
    public static void Configure(RateLimiterOptions limiter, ApiOptions options)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            TokenAuthentication.Find(context) is { } principal
                ? RateLimitPartition.GetTokenBucketLimiter(principal.TokenId, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RequestBurst,
                    TokensPerPeriod = options.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter("anonymous"));
        limiter.OnRejected = async (rejected, _) =>
        {
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
            var problem = new ApiProblem(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests for this token.", "Slow down and retry after the Retry-After delay.")
            {
                RetryAfter = wait,
            };
            await ProblemWriter.WriteAsync(rejected.HttpContext, problem).ConfigureAwait(false);
        };
    }
}
