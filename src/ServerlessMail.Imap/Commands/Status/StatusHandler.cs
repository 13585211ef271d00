namespace ServerlessMail.Imap;

/// <summary>STATUS (RFC 3501 §6.3.10): the items of <see cref="StatusItems"/>, answered by <see cref="MailboxStatus"/>.</summary>
internal static class StatusHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var arguments = session.Arguments(command);
        if (!arguments.TryMailbox(out var mailbox) || !StatusItems.TryRead(arguments, session.Imap4Rev2Enabled, out var items) || !arguments.End)
        {
            session.Bad(command.Tag, arguments.MailboxError ?? "STATUS takes a mailbox and a list of " + StatusItems.NamesFor(session.Imap4Rev2Enabled));
            return state;
        }

        if (await MailboxLookup.FindAsync(session, (AuthenticatedState)state, command.Tag, mailbox).ConfigureAwait(false) is not { } found)
        {
            return state;
        }

        await MailboxStatus.WriteAsync(session, mailbox, found.Folder, items).ConfigureAwait(false);
        session.Ok(command.Tag, "STATUS completed");
        return state;
    }
}
