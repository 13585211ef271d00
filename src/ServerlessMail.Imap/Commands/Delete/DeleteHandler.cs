using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// DELETE (RFC 3501 §6.3.4): a custom folder and its messages. Special-use folders stay (NO [CANNOT]); deleting
/// messages needs the token's <c>delete</c> permission (NO [NOPERM]).
/// </summary>
internal static class DeleteHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var arguments = session.Arguments(command);
        if (!arguments.TryMailbox(out var mailbox) || !arguments.End)
        {
            session.Bad(command.Tag, arguments.MailboxError ?? "DELETE takes a mailbox name");
            return state;
        }

        var authenticated = (AuthenticatedState)state;
        if (await MailboxLookup.FindAsync(session, authenticated, command.Tag, mailbox).ConfigureAwait(false) is not { } found)
        {
            return state;
        }

        if (found.Folder.SpecialUse != SpecialUse.None)
        {
            session.No(command.Tag, "CANNOT", "Special-use mailboxes cannot be deleted");
            return state;
        }

        if (!authenticated.Identity.Principal.Has(TokenPermissions.Delete))
        {
            session.No(command.Tag, "NOPERM", "This token may not delete");
            return state;
        }

        try
        {
            var unused = await session.Services.Store.DeleteFolderAsync(found.Folder.Id, session.Cancellation).ConfigureAwait(false);
            foreach (var key in unused)
            {
                await session.Services.Blobs.DeleteAsync(key, session.Cancellation).ConfigureAwait(false);
            }
        }
        catch (MailStoreException exception)
        {
            MailboxLookup.Refuse(session, command.Tag, exception);
            return state;
        }

        session.Services.Notifier.Publish(found.Name.Inbox.Id);
        session.Ok(command.Tag, "DELETE completed");
        return state is SelectedState selected && selected.Mailbox.Folder.Id == found.Folder.Id ? new AuthenticatedState(authenticated.Identity) : state;
    }
}
