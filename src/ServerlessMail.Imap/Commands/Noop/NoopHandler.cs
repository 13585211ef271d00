namespace ServerlessMail.Imap;

/// <summary>NOOP and CHECK (RFC 3501 §6.1.2, §6.4.1): nothing to do; the session reports mailbox changes after every command.</summary>
internal static class NoopHandler
{
    public static ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        if (command.Arguments.Count > 0)
        {
            session.Bad(command.Tag, command.Name + " takes no arguments");
            return ValueTask.FromResult(state);
        }

        session.Ok(command.Tag, command.Name + " completed");
        return ValueTask.FromResult(state);
    }
}
