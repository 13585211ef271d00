using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// CLOSE (RFC 3501 §6.4.2) and UNSELECT (RFC 3691). CLOSE silently expunges \Deleted messages of a read-write
/// mailbox when the token may delete; UNSELECT never does.
/// </summary>
internal static class CloseHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        if (command.Arguments.Count > 0)
        {
            session.Bad(command.Tag, command.Name + " takes no arguments");
            return state;
        }

        var selected = (SelectedState)state;
        var mailbox = selected.Mailbox;
        if (command.Name == "CLOSE" && !mailbox.ReadOnly && selected.Identity.Principal.Has(TokenPermissions.Delete))
        {
            var deleted = mailbox.Messages.Where(m => (m.Flags & MessageFlags.Deleted) != 0).Select(m => m.MessageId).ToList();
            if (deleted.Count > 0)
            {
                // RFC 3501 §6.4.2: CLOSE sends no untagged EXPUNGE.
                await ExpungeHandler.RemoveAsync(session, mailbox, deleted, report: false).ConfigureAwait(false);
            }
        }

        session.Ok(command.Tag, command.Name + " completed");
        return new AuthenticatedState(selected.Identity);
    }
}
