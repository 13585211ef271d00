using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessMail.Api.Contracts;
using ServerlessMail.Api.Http;
using ServerlessMail.Api.Messages;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Endpoints;

/// <summary>
/// <c>/v1/outbound/{outboundId}</c> and <c>/v1/inboxes/{inboxId}/outbound</c>: delivery status and history. In local
/// mode the captured outbox is the same records, relayed to the local capture instead of the internet.
/// </summary>
internal static class OutboundEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var byInbox = v1.MapGroup("/inboxes/{inboxId}/outbound").WithTags("Outbound").ProducesProblem(StatusCodes.Status404NotFound);
        byInbox.MapGet("/", ListAsync).WithName("ListOutbound");
        var outbound = v1.MapGroup("/outbound").WithTags("Outbound").ProducesProblem(StatusCodes.Status404NotFound);
        outbound.MapGet("/{outboundId}", GetAsync).WithName("GetOutbound");
    }

    private static async Task<Ok<ListBody<OutboundBody>>> ListAsync(string inboxId, int? limit, string? cursor, HttpContext context, Scope scope, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var inbox = await scope.InboxAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Read);
        var result = await services.Store.ListOutboundAsync(inbox.Id, Paging.Read(limit, cursor), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ListBody<OutboundBody>(result.Items.Select(OutboundBody.Of).ToList(), result.NextCursor));
    }

    private static async Task<Ok<OutboundBody>> GetAsync(string outboundId, HttpContext context, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var outbound = Ids.IsWellFormed(outboundId, Ids.Outbound) ? await services.Store.GetOutboundAsync(outboundId, cancellationToken).ConfigureAwait(false) : null;
        if (outbound is null || outbound.AccountId != principal.AccountId || (principal.InboxId is not null && principal.InboxId != outbound.InboxId))
        {
            throw ApiProblem.NotFound("The outbound message");
        }

        principal.Require(TokenPermissions.Read);
        return TypedResults.Ok(OutboundBody.Of(outbound));
    }
}
