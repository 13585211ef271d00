using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessMail.Api.Contracts;
using ServerlessMail.Api.Http;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Endpoints;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (the store answers too); no auth, no details.</summary>
internal static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("/").WithTags("Health");
        group.MapGet("/healthz", () => TypedResults.Ok(new HealthBody("ok"))).WithName("Health");
        group.MapGet("/readyz", ReadyAsync).WithName("Ready");
    }

    private static async Task<Results<Ok<HealthBody>, JsonHttpResult<HealthBody>>> ReadyAsync(ApiServices services, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        try
        {
            // A read of an account that cannot exist: a full round trip to the store without touching real data.
            await services.Store.GetAccountAsync(Ids.FromKey(Ids.Account, "readyz"), cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new HealthBody("ready"));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ApiLog.NotReady(logs.CreateLogger("ServerlessMail.Api.Ready"), exception);
            return TypedResults.Json(new HealthBody("unavailable"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
