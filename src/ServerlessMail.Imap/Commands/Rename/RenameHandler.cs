using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>RENAME (RFC 3501 §6.3.5) within one inbox. INBOX is not renamed (NO [CANNOT]; see IFolderStore.RenameFolderAsync).</summary>
internal static class RenameHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var arguments = session.Arguments(command);
        if (!arguments.TryMailbox(out var from) || !arguments.TryMailbox(out var to) || !arguments.End)
        {
            session.Bad(command.Tag, arguments.MailboxError ?? "RENAME takes two mailbox names");
            return state;
        }

        var authenticated = (AuthenticatedState)state;
        if (await MailboxLookup.FindAsync(session, authenticated, command.Tag, from).ConfigureAwait(false) is not { } found)
        {
            return state;
        }

        if (found.Folder.SpecialUse == SpecialUse.Inbox)
        {
            session.No(command.Tag, "CANNOT", "INBOX cannot be renamed");
            return state;
        }

        if (authenticated.Identity.View.Resolve(to) is not { } target || target.Inbox.Id != found.Name.Inbox.Id)
        {
            session.No(command.Tag, "CANNOT", "Mailboxes are renamed within their inbox");
            return state;
        }

        try
        {
            await session.Services.Store.RenameFolderAsync(found.Folder.Id, target.FolderName, session.Cancellation).ConfigureAwait(false);
        }
        catch (MailStoreException exception)
        {
            MailboxLookup.Refuse(session, command.Tag, exception);
            return state;
        }

        session.Services.Notifier.Publish(found.Name.Inbox.Id);
        session.Ok(command.Tag, "RENAME completed");
        return state;
    }
}
