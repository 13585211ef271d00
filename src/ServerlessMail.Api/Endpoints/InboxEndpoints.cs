using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessMail.Api.Contracts;
using ServerlessMail.Api.Http;
using ServerlessMail.Api.Messages;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Endpoints;

/// <summary><c>/v1/inboxes</c>: create (a random readable local part when none is given), list, read, rename, delete.</summary>
internal static class InboxEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/inboxes").WithTags("Inboxes").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateInbox").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).WithName("ListInboxes");
        group.MapGet("/{inboxId}", GetAsync).WithName("GetInbox");
        group.MapPatch("/{inboxId}", UpdateAsync).WithName("UpdateInbox");
        group.MapDelete("/{inboxId}", DeleteAsync).WithName("DeleteInbox");
    }

    private static async Task<Created<InboxBody>> CreateAsync(CreateInboxRequest? body, HttpContext context, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        principal.Require(TokenPermissions.Manage);
        Inbox inbox;
        if (IdempotentCreate.KeyOf(context) is { } key)
        {
            (inbox, var existed) = await services.Inboxes.CreateOnceAsync(principal, body?.LocalPart, body?.Domain, body?.DisplayName, key, cancellationToken).ConfigureAwait(false);
            if (existed)
            {
                IdempotentCreate.Replay(context, Matches(inbox, body));
            }
        }
        else
        {
            inbox = await services.Inboxes.CreateAsync(principal, body?.LocalPart, body?.Domain, body?.DisplayName, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Created($"{ApiApp.BasePath}/inboxes/{inbox.Id}", InboxBody.Of(inbox));
    }

    private static async Task<Ok<ListBody<InboxBody>>> ListAsync(int? limit, string? cursor, HttpContext context, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        principal.Require(TokenPermissions.Read);
        var page = Paging.Read(limit, cursor);
        if (principal.InboxId is { } own)
        {
            var inbox = await services.Inboxes.GetAsync(principal, own, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new ListBody<InboxBody>([InboxBody.Of(inbox)], null));
        }

        var result = await services.Store.ListInboxesAsync(principal.AccountId, page, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ListBody<InboxBody>(result.Items.Select(InboxBody.Of).ToList(), result.NextCursor));
    }

    private static async Task<Ok<InboxBody>> GetAsync(string inboxId, HttpContext context, Scope scope, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var inbox = await scope.InboxAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Read);
        return TypedResults.Ok(InboxBody.Of(inbox));
    }

    private static async Task<Ok<InboxBody>> UpdateAsync(string inboxId, UpdateInboxRequest body, HttpContext context, Scope scope, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var inbox = await scope.InboxAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Manage);
        if (body.DisplayName is { Length: > ModelLimits.DisplayName })
        {
            throw MailStoreException.TooLarge("displayName", ModelLimits.DisplayName);
        }

        var updated = inbox with { DisplayName = string.IsNullOrWhiteSpace(body.DisplayName) ? null : body.DisplayName.Trim() };
        await services.Store.UpdateInboxAsync(updated, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(InboxBody.Of(updated));
    }

    private static async Task<NoContent> DeleteAsync(string inboxId, bool? purge, HttpContext context, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        await services.Inboxes.DeleteAsync(principal, inboxId, purge ?? false, cancellationToken).ConfigureAwait(false);
        services.Notifier.Publish(inboxId);
        return TypedResults.NoContent();
    }

    /// <summary>A retry asks for the same inbox when every field it gives matches the one the first attempt made.</summary>
    private static bool Matches(Inbox inbox, CreateInboxRequest? body) =>
        (body?.LocalPart is not { } local || string.Equals(local.Trim(), inbox.LocalPart, StringComparison.OrdinalIgnoreCase)) &&
        (body?.Domain is not { } domain || string.Equals(domain.Trim(), inbox.Domain, StringComparison.OrdinalIgnoreCase)) &&
        string.Equals(body?.DisplayName, inbox.DisplayName, StringComparison.Ordinal);
}
