using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessMail.Api.Contracts;
using ServerlessMail.Api.Http;
using ServerlessMail.Api.Messages;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Endpoints;

/// <summary><c>/v1/inboxes/{inboxId}/folders</c>: list with counts, create, rename, delete (never a special-use folder).</summary>
internal static class FolderEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/inboxes/{inboxId}/folders").WithTags("Folders").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).WithName("ListFolders");
        group.MapPost("/", CreateAsync).WithName("CreateFolder");
        group.MapPatch("/{folderId}", RenameAsync).WithName("RenameFolder");
        group.MapDelete("/{folderId}", DeleteAsync).WithName("DeleteFolder");
    }

    private static async Task<Ok<ListBody<FolderBody>>> ListAsync(string inboxId, HttpContext context, Scope scope, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var inbox = await scope.InboxAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Read);
        var folders = await services.Store.ListFoldersAsync(inbox.Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ListBody<FolderBody>(folders.Select(FolderBody.Of).ToList(), null));
    }

    private static async Task<Created<FolderBody>> CreateAsync(string inboxId, FolderNameRequest body, HttpContext context, Scope scope, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var inbox = await scope.InboxAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Manage);
        var name = CheckName(body.Name);
        var (folder, existed) = await services.Inboxes.CreateFolderAsync(inbox, name, IdempotentCreate.KeyOf(context), cancellationToken).ConfigureAwait(false);
        if (existed)
        {
            IdempotentCreate.Replay(context, folder.InboxId == inbox.Id && folder.Name == name);
        }
        else
        {
            services.Notifier.Publish(inbox.Id);
        }

        return TypedResults.Created($"{ApiApp.BasePath}/inboxes/{inbox.Id}/folders/{folder.Id}", FolderBody.Of(folder));
    }

    private static async Task<Ok<FolderBody>> RenameAsync(string inboxId, string folderId, FolderNameRequest body, HttpContext context, Scope scope, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var inbox = await scope.InboxAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        var folder = await scope.FolderAsync(inbox, folderId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Manage);
        if (folder.SpecialUse == SpecialUse.Inbox)
        {
            throw ApiProblem.Conflict("special-use-folder", "INBOX cannot be renamed.");
        }

        await services.Store.RenameFolderAsync(folder.Id, CheckName(body.Name), cancellationToken).ConfigureAwait(false);
        services.Notifier.Publish(inbox.Id);
        var renamed = await services.Store.GetFolderAsync(folder.Id, cancellationToken).ConfigureAwait(false) ?? throw ApiProblem.NotFound("The folder");
        return TypedResults.Ok(FolderBody.Of(renamed));
    }

    private static async Task<NoContent> DeleteAsync(string inboxId, string folderId, HttpContext context, Scope scope, ApiServices services, CancellationToken cancellationToken)
    {
        var principal = context.Caller();
        var inbox = await scope.InboxAsync(principal, inboxId, cancellationToken).ConfigureAwait(false);
        var folder = await scope.FolderAsync(inbox, folderId, cancellationToken).ConfigureAwait(false);
        principal.Require(TokenPermissions.Manage);
        principal.Require(TokenPermissions.Delete);
        if (folder.SpecialUse != SpecialUse.None)
        {
            throw ApiProblem.Conflict("special-use-folder", $"'{folder.Name}' is a special-use folder (RFC 6154) and cannot be deleted.");
        }

        var orphans = await services.Store.DeleteFolderAsync(folder.Id, cancellationToken).ConfigureAwait(false);
        foreach (var key in orphans)
        {
            await services.Blobs.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }

        services.Notifier.Publish(inbox.Id);
        return TypedResults.NoContent();
    }

    private static string CheckName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.StartsWith(Folder.Separator) || trimmed.EndsWith(Folder.Separator) || trimmed.Any(char.IsControl))
        {
            throw ApiProblem.BadRequest("A folder name must be non-empty, without control characters, and not start or end with '/'.");
        }

        return trimmed.Length > ModelLimits.FolderName ? throw MailStoreException.TooLarge("name", ModelLimits.FolderName) : trimmed;
    }
}
