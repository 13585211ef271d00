using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessMail.Api.Contracts;
using ServerlessMail.Api.Http;
using ServerlessMail.Api.Messages;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Endpoints;

/// <summary>
/// <c>POST /v1/inboxes/{inboxId}/send</c>: compose, then submit through Core's OutboundService, the path SMTP
/// submission takes, so the same quota applies and a refusal names the same limit. The Idempotency-Key goes to the
/// outbound store, which derives the outbound id from it: a retry never sends twice, in any process.
/// </summary>
internal static class SendEndpoints
{
    // RFC 5550 §2.8 (and common IMAP practice): the keyword marking a message that was forwarded.
    private const string ForwardedKeyword = "$Forwarded";

    public static void Map(RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/inboxes/{inboxId}/send").WithTags("Send")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/", SendAsync).WithName("Send").WithMetadata(new RememberedInProcess());
    }

    private static async Task<Accepted<SendResponse>> SendAsync(string inboxId, SendRequest body, HttpContext context, Scope scope, ApiServices services, ApiOptions options, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var inbox = await scope.InboxAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Send);
        var composed = await new Composer(services, scope, options).ComposeAsync(principal, inbox, body, cancellationToken).ConfigureAwait(false);
        var key = IdempotentCreate.KeyOf(context);
        using var raw = new MemoryStream(composed.Raw, writable: false);
        var result = await services.Outbound.SubmitAsync(principal, inbox, raw, inbox.Address, composed.Recipients, key, cancellationToken).ConfigureAwait(false);
        if (result.Outbound is not { } outbound)
        {
            throw ApiProblem.QuotaExceeded(result.Quota, services.Clock.GetUtcNow());
        }

        if (composed.Original is { } original)
        {
            var change = composed.IsForward ? new FlagChange(MessageFlags.None, MessageFlags.None, [ForwardedKeyword], []) : FlagChange.Set(MessageFlags.Answered);
            await services.Store.UpdateFlagsAsync(original.Id, change, null, cancellationToken).ConfigureAwait(false);
            services.Notifier.Publish(original.InboxId);
        }

        return TypedResults.Accepted(
            $"{ApiApp.BasePath}/outbound/{outbound.Id}",
            new SendResponse(outbound.Id, outbound.SentMessageId, outbound.MessageIdHeader, JsonNames.Of(outbound.Status)));
    }
}
