using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>SUBSCRIBE and UNSUBSCRIBE (RFC 3501 §6.3.6-7): the folder's subscribed flag in the store.</summary>
internal static class SubscribeHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var arguments = session.Arguments(command);
        if (!arguments.TryMailbox(out var mailbox) || !arguments.End)
        {
            session.Bad(command.Tag, arguments.MailboxError ?? command.Name + " takes a mailbox name");
            return state;
        }

        if (await MailboxLookup.FindAsync(session, (AuthenticatedState)state, command.Tag, mailbox).ConfigureAwait(false) is not { } found)
        {
            return state;
        }

        try
        {
            await session.Services.Store.SetSubscribedAsync(found.Folder.Id, command.Name == "SUBSCRIBE", session.Cancellation).ConfigureAwait(false);
        }
        catch (MailStoreException exception)
        {
            MailboxLookup.Refuse(session, command.Tag, exception);
            return state;
        }

        session.Ok(command.Tag, command.Name + " completed");
        return state;
    }
}
