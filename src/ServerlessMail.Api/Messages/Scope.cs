using ServerlessMail.Api.Http;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Messages;

/// <summary>
/// Finds what a request names, within the caller's scope. Anything outside it is "not found", exactly like something
/// that does not exist, so a token never learns about another inbox's messages.
/// </summary>
internal sealed class Scope(ApiServices services)
{
    public Task<Inbox> InboxAsync(Principal principal, string inboxId, CancellationToken cancellationToken) =>
        services.Inboxes.GetAsync(principal, inboxId, cancellationToken);

    public async Task<(StoredMessage Message, Inbox Inbox)> MessageAsync(Principal principal, string messageId, CancellationToken cancellationToken)
    {
        var message = Ids.IsWellFormed(messageId, Ids.Message) ? await services.Store.GetMessageAsync(messageId, cancellationToken).ConfigureAwait(false) : null;
        var inbox = message is null ? null : await services.Store.GetInboxAsync(message.InboxId, cancellationToken).ConfigureAwait(false);
        return message is not null && inbox is not null && principal.Covers(inbox) ? (message, inbox) : throw ApiProblem.NotFound("The message");
    }

    /// <summary>A folder of the inbox by id (<c>fld_…</c>) or by name (INBOX in any case).</summary>
    public async Task<Folder> FolderAsync(Inbox inbox, string folder, CancellationToken cancellationToken)
    {
        var found = Ids.IsWellFormed(folder, Ids.Folder)
            ? await services.Store.GetFolderAsync(folder, cancellationToken).ConfigureAwait(false)
            : await services.Store.FindFolderAsync(inbox.Id, folder, cancellationToken).ConfigureAwait(false);
        return found is not null && found.InboxId == inbox.Id ? found : throw ApiProblem.NotFound("The folder");
    }

    public async Task<Folder> SpecialFolderAsync(Inbox inbox, SpecialUse use, CancellationToken cancellationToken)
    {
        var folders = await services.Store.ListFoldersAsync(inbox.Id, cancellationToken).ConfigureAwait(false);
        return folders.FirstOrDefault(f => f.SpecialUse == use) ?? throw ApiProblem.NotFound($"The {use} folder");
    }
}
