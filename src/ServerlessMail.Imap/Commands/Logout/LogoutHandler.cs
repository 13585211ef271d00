namespace ServerlessMail.Imap;

/// <summary>LOGOUT (RFC 3501 §6.1.3): BYE, then the tagged OK, then the connection closes.</summary>
internal static class LogoutHandler
{
    public static ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        if (command.Arguments.Count > 0)
        {
            session.Bad(command.Tag, "LOGOUT takes no arguments");
            return ValueTask.FromResult(state);
        }

        session.Untagged("BYE Logging out");
        session.Ok(command.Tag, "LOGOUT completed");
        return ValueTask.FromResult<ImapState>(LogoutState.Instance);
    }
}
