namespace ServerlessMail.Imap;

/// <summary>CAPABILITY (RFC 3501 §6.1.1): what <see cref="Capabilities"/> says for this connection and state.</summary>
internal static class CapabilityHandler
{
    public static ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        if (command.Arguments.Count > 0)
        {
            session.Bad(command.Tag, "CAPABILITY takes no arguments");
            return ValueTask.FromResult(state);
        }

        session.Untagged(Capabilities.Line(session, state));
        session.Ok(command.Tag, "CAPABILITY completed");
        return ValueTask.FromResult(state);
    }
}
