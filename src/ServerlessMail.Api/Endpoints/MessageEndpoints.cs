using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessMail.Api.Contracts;
using ServerlessMail.Api.Http;
using ServerlessMail.Api.Messages;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Endpoints;

/// <summary><c>/v1/messages/{messageId}</c>: the parsed message, its raw form (ranged), an attachment, flags and moves, deletion.</summary>
internal static class MessageEndpoints
{
    private const int MaxTextBytesLimit = 16 * 1024 * 1024;

    public static void Map(RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/messages/{messageId}").WithTags("Messages").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", GetAsync).WithName("GetMessage");
        group.MapGet("/raw", RawAsync).WithName("GetRawMessage").Produces(StatusCodes.Status200OK, contentType: "message/rfc822").Produces(StatusCodes.Status206PartialContent, contentType: "message/rfc822");
        group.MapGet("/attachments/{attachmentId}", AttachmentAsync).WithName("GetAttachment").Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        group.MapPatch("/", UpdateAsync).WithName("UpdateMessage");
        group.MapDelete("/", DeleteAsync).WithName("DeleteMessage");
    }

    private static async Task<Ok<MessageBody>> GetAsync(string messageId, int? maxTextBytes, HttpContext context, Scope scope, MessageReader reader, ApiOptions options, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var (message, _) = await scope.MessageAsync(principal, messageId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Read);
        if (maxTextBytes is < 0 or > MaxTextBytesLimit)
        {
            throw ApiProblem.BadRequest($"maxTextBytes must be between 0 and {MaxTextBytesLimit}.");
        }

        return TypedResults.Ok(await reader.ReadAsync(message, maxTextBytes ?? options.DefaultMaxTextBytes, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The stored octets, as received; a single <c>Range</c> is served with a ranged blob read (RFC 9110 §14).</summary>
    private static async Task RawAsync(string messageId, HttpContext context, Scope scope, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var (message, _) = await scope.MessageAsync(principal, messageId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Read);
        var response = context.Response;
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = "message/rfc822";
        var range = ByteRange.Parse(context.Request.Headers.Range.ToString() is { Length: > 0 } header ? header : null, message.Size);
        if (range is { Satisfiable: false })
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{message.Size}");
            return;
        }

        Stream content;
        if (range is { Range: var part })
        {
            content = await services.Blobs.OpenRangeAsync(message.BlobKey, part.Offset, part.Length, cancellationToken).ConfigureAwait(false);
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {part.Offset}-{part.Offset + part.Length - 1}/{message.Size}");
            response.ContentLength = part.Length;
        }
        else
        {
            content = await services.Blobs.OpenReadAsync(message.BlobKey, cancellationToken).ConfigureAwait(false);
            response.ContentLength = message.Size;
        }

        await using (content.ConfigureAwait(false))
        {
            await content.CopyToAsync(response.Body, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task AttachmentAsync(string messageId, string attachmentId, HttpContext context, Scope scope, MessageReader reader, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var (message, _) = await scope.MessageAsync(principal, messageId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Read);
        var opened = await reader.OpenAttachmentAsync(message, attachmentId, cancellationToken).ConfigureAwait(false) ?? throw ApiProblem.NotFound("The attachment");
        await using (opened.Content.ConfigureAwait(false))
        {
            var response = context.Response;
            response.ContentType = opened.Attachment.ContentType;
            response.ContentLength = opened.Content.Length;

            // RFC 6266: an ASCII fallback name plus filename* (RFC 8187) for the exact one; the sanitized name, so a
            // hostile "../../x" never reaches a client's disk as a path.
            var disposition = new ContentDispositionHeaderValue(opened.Attachment.IsInline ? "inline" : "attachment") { FileNameStar = opened.Attachment.SafeFileName };
            disposition.FileName = "\"" + new string(opened.Attachment.SafeFileName.Select(c => c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_').ToArray()) + "\"";
            response.Headers.ContentDisposition = disposition.ToString();
            response.Headers.XContentTypeOptions = "nosniff";
            await opened.Content.CopyToAsync(response.Body, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Ok<MessageSummaryBody>> UpdateAsync(string messageId, UpdateMessageRequest body, HttpContext context, Scope scope, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var (message, inbox) = await scope.MessageAsync(principal, messageId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Read);
        var (add, addKeywords) = FlagNames.Parse(body.AddFlags);
        var (remove, removeKeywords) = FlagNames.Parse(body.RemoveFlags);
        var target = body.Folder is null ? null : await scope.FolderAsync(inbox, body.Folder, cancellationToken).ConfigureAwait(false);
        if (add != MessageFlags.None || remove != MessageFlags.None || addKeywords.Count > 0 || removeKeywords.Count > 0)
        {
            message = await services.Store.UpdateFlagsAsync(message.Id, new FlagChange(add, remove, addKeywords, removeKeywords), null, cancellationToken).ConfigureAwait(false);
        }

        if (target is not null && target.Id != message.FolderId)
        {
            message = await services.Store.MoveAsync(message.Id, target.Id, cancellationToken).ConfigureAwait(false);
        }

        services.Notifier.Publish(inbox.Id);
        return TypedResults.Ok(MessageSummaryBody.Of(message));
    }

    /// <summary>To Trash (RFC 6154 \Trash), or with <c>permanent=true</c> erased, which needs the delete permission.</summary>
    private static async Task<NoContent> DeleteAsync(string messageId, bool? permanent, HttpContext context, Scope scope, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var (message, inbox) = await scope.MessageAsync(principal, messageId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Read);
        if (permanent is true)
        {
            principal.Require(TokenPermissions.Delete);
            var orphans = await services.Store.ExpungeAsync([message.Id], cancellationToken).ConfigureAwait(false);
            foreach (var key in orphans)
            {
                await services.Blobs.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            var trash = await scope.SpecialFolderAsync(inbox, SpecialUse.Trash, cancellationToken).ConfigureAwait(false);
            if (message.FolderId != trash.Id)
            {
                await services.Store.MoveAsync(message.Id, trash.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        services.Notifier.Publish(inbox.Id);
        return TypedResults.NoContent();
    }
}
