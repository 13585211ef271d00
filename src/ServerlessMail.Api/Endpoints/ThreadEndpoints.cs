using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessMail.Api.Contracts;
using ServerlessMail.Api.Http;
using ServerlessMail.Api.Messages;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Endpoints;

/// <summary><c>/v1/inboxes/{inboxId}/threads</c> and <c>/v1/threads/{threadId}</c>: conversations, as Core's ThreadResolver groups them.</summary>
internal static class ThreadEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var inboxThreads = v1.MapGroup("/inboxes/{inboxId}/threads").WithTags("Threads").ProducesProblem(StatusCodes.Status404NotFound);
        inboxThreads.MapGet("/", ListAsync).WithName("ListThreads");
        var threads = v1.MapGroup("/threads").WithTags("Threads").ProducesProblem(StatusCodes.Status404NotFound);
        threads.MapGet("/{threadId}", GetAsync).WithName("GetThread");
    }

    /// <summary>
    /// The threads of a folder by their latest message, newest first: one page of messages, one entry per thread. The
    /// cursor is the message listing's, so a long thread whose older messages fall on a later page appears there again.
    /// </summary>
    private static async Task<Ok<ListBody<ThreadBody>>> ListAsync(string inboxId, string? folder, int? limit, string? cursor, HttpContext context, Scope scope, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var inbox = await scope.InboxAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Read);
        var page = Paging.Read(limit, cursor);
        var target = await scope.FolderAsync(inbox, folder ?? Folder.InboxName, cancellationToken).ConfigureAwait(false);
        var result = await services.Store.ListMessagesAsync(target.Id, MessageQuery.All, page, cancellationToken).ConfigureAwait(false);
        var items = result.Items
            .GroupBy(m => m.ThreadId, StringComparer.Ordinal)
            .Select(g => new ThreadBody(g.Key, g.First().Summary.Subject, g.First().InternalDate, g.Select(MessageSummaryBody.Of).ToList()))
            .ToList();
        return TypedResults.Ok(new ListBody<ThreadBody>(items, result.NextCursor));
    }

    /// <summary>Every message of the thread the caller may see, oldest first, across its inboxes' folders.</summary>
    private static async Task<Ok<ThreadBody>> GetAsync(string threadId, HttpContext context, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var messages = threadId.Length is > 0 and <= 64
            ? await services.Store.ListThreadAsync(principal.AccountId, threadId, cancellationToken).ConfigureAwait(false)
            : [];
        var visible = messages.Where(m => principal.InboxId is null || principal.InboxId == m.InboxId).ToList();
        if (visible.Count == 0)
        {
            throw ApiProblem.NotFound("The thread");
        }

        principal.Require(TokenPermissions.Read);
        var latest = visible[^1];
        return TypedResults.Ok(new ThreadBody(threadId, visible[0].Summary.Subject, latest.InternalDate, visible.Select(MessageSummaryBody.Of).ToList()));
    }
}
