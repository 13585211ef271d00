namespace ServerlessMail.Imap;

/// <summary>NAMESPACE (RFC 2342): one personal namespace, no prefix, "/" as the separator; no other users' or shared ones.</summary>
internal static class NamespaceHandler
{
    public static ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        if (command.Arguments.Count > 0)
        {
            session.Bad(command.Tag, "NAMESPACE takes no arguments");
            return ValueTask.FromResult(state);
        }

        session.Untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
        session.Ok(command.Tag, "NAMESPACE completed");
        return ValueTask.FromResult(state);
    }
}
