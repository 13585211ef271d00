using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessMail.Api.Contracts;
using ServerlessMail.Api.Http;
using ServerlessMail.Api.Messages;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Endpoints;

/// <summary><c>/v1/inboxes/{inboxId}/messages</c>: list and search a folder, append a raw message, and wait for new mail.</summary>
internal static partial class InboxMessageEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/inboxes/{inboxId}/messages").WithTags("Messages").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).WithName("ListMessages").Produces<ListBody<MessageSummaryBody>>();
        group.MapPost("/", AppendAsync).WithName("AppendMessage").Accepts<Stream>("message/rfc822").ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/wait", WaitAsync).WithName("WaitForMessage").Produces(StatusCodes.Status204NoContent);
    }

    /// <summary>
    /// Newest first; every filter given must match (Core's <see cref="MessageQuery"/>); <c>q</c> searches subject and
    /// preview. An unchanged folder is answered from <see cref="ListingCache"/>.
    /// </summary>
    private static async Task<IResult> ListAsync(
        string inboxId,
        string? folder,
        int? limit,
        string? cursor,
        bool? unread,
        DateTimeOffset? since,
        DateTimeOffset? before,
        string? from,
        string? to,
        string? subject,
        string? q,
        string? threadId,
        HttpContext context,
        Scope scope,
        ApiServices services,
        ListingCache listings,
        CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var inbox = await scope.InboxAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Read);
        var page = Paging.Read(limit, cursor);
        var target = await scope.FolderAsync(inbox, folder ?? Folder.InboxName, cancellationToken).ConfigureAwait(false);
        var key = target.Id + context.Request.QueryString.Value;
        if (listings.Find(key, target) is not { } body)
        {
            var query = new MessageQuery(unread, since, before, Blank(from), Blank(to), Blank(subject), Blank(q), Blank(threadId));
            var result = await services.Store.ListMessagesAsync(target.Id, query, page, cancellationToken).ConfigureAwait(false);
            body = listings.Store(key, target, new ListBody<MessageSummaryBody>(result.Items.Select(MessageSummaryBody.Of).ToList(), result.NextCursor));
        }

        return Results.Bytes(body, "application/json; charset=utf-8");
    }

    /// <summary>
    /// Stores a raw RFC 5322 message as given (Core's <see cref="MessageAppendService"/>, as IMAP APPEND does). Drafts
    /// need only read, as in IMAP; any other folder needs send, since the message then looks received or sent.
    /// </summary>
    private static async Task<Created<MessageSummaryBody>> AppendAsync(
        string inboxId,
        string? folder,
        string? flags,
        DateTimeOffset? receivedAt,
        HttpContext context,
        Scope scope,
        ApiServices services,
        ApiOptions options,
        CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var inbox = await scope.InboxAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        var target = await scope.FolderAsync(inbox, folder ?? Folder.InboxName, cancellationToken).ConfigureAwait(false);
        principal.Require(target.SpecialUse == SpecialUse.Drafts ? TokenPermissions.Read : TokenPermissions.Send);
        if (context.Request.ContentLength > options.MaxMessageBytes)
        {
            throw ApiProblem.TooLarge($"A message may be at most {options.MaxMessageBytes} octets.");
        }

        var (flagSet, keywords) = FlagNames.Parse(flags?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var request = new AppendRequest(inbox, target, flagSet, keywords, receivedAt, principal.TokenId, context.Connection.RemoteIpAddress?.ToString(), IdempotentCreate.KeyOf(context));
        var body = new BoundedReadStream(context.Request.Body, options.MaxMessageBytes);
        var (stored, existed) = await services.Append.AppendOnceAsync(request, body, cancellationToken).ConfigureAwait(false);
        if (existed)
        {
            IdempotentCreate.Replay(context, await SameContentAsync(services.Blobs, stored, body, cancellationToken).ConfigureAwait(false));
        }
        else if (stored.Size == 0)
        {
            await services.Store.ExpungeAsync([stored.Id], cancellationToken).ConfigureAwait(false);
            throw ApiProblem.BadRequest("The body is empty; send the raw message as message/rfc822.");
        }

        return TypedResults.Created($"{ApiApp.BasePath}/messages/{stored.Id}", MessageSummaryBody.Of(stored));
    }

    /// <summary>A retried append asks for the same message when its bytes are the stored message's (compared by SHA-256).</summary>
    private static async Task<bool> SameContentAsync(IBlobStore blobs, StoredMessage stored, Stream body, CancellationToken cancellationToken)
    {
        var retried = await SHA256.HashDataAsync(body, cancellationToken).ConfigureAwait(false);
        var blob = await blobs.OpenReadAsync(stored.BlobKey, cancellationToken).ConfigureAwait(false);
        await using (blob.ConfigureAwait(false))
        {
            var first = await SHA256.HashDataAsync(blob, cancellationToken).ConfigureAwait(false);
            return CryptographicOperations.FixedTimeEquals(first, retried);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
