using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>CREATE (RFC 3501 §6.3.3): a custom folder in the inbox the name falls in. A trailing separator is dropped.</summary>
internal static class CreateHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var arguments = session.Arguments(command);
        if (!arguments.TryMailbox(out var mailbox) || !arguments.End)
        {
            session.Bad(command.Tag, arguments.MailboxError ?? "CREATE takes a mailbox name");
            return state;
        }

        var view = ((AuthenticatedState)state).Identity.View;
        if (view.Resolve(mailbox) is not { } name)
        {
            session.No(command.Tag, "CANNOT", "Mailboxes are created inside an inbox");
            return state;
        }

        var store = session.Services.Store;
        if (await store.FindFolderAsync(name.Inbox.Id, name.FolderName, session.Cancellation).ConfigureAwait(false) is not null)
        {
            session.No(command.Tag, "ALREADYEXISTS", "Mailbox already exists");
            return state;
        }

        try
        {
            var inboxes = new InboxService(store, session.Services.Blobs, session.Context.Clock);
            await store.CreateFolderAsync(inboxes.NewFolder(name.Inbox.Id, name.FolderName, SpecialUse.None, session.Context.Clock.GetUtcNow()), session.Cancellation).ConfigureAwait(false);
        }
        catch (MailStoreException exception)
        {
            MailboxLookup.Refuse(session, command.Tag, exception);
            return state;
        }

        session.Services.Notifier.Publish(name.Inbox.Id);
        session.Ok(command.Tag, "CREATE completed");
        return state;
    }
}
