namespace ServerlessMail.Imap;

/// <summary>ID (RFC 2971): the client's parameters are read and ignored; the server names itself.</summary>
internal static class IdHandler
{
    public static ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var arguments = new ArgumentReader(command.Arguments);
        if (!arguments.TryWord("NIL"))
        {
            if (!arguments.TryOpen())
            {
                session.Bad(command.Tag, "ID takes NIL or a list");
                return ValueTask.FromResult(state);
            }

            var count = 0;
            while (!arguments.TryClose())
            {
                if (!arguments.TryAString(out _) || ++count > 60)
                {
                    session.Bad(command.Tag, "Bad ID list");
                    return ValueTask.FromResult(state);
                }
            }
        }

        session.Untagged("ID (\"name\" \"ServerlessMail\" \"vendor\" \"ServerlessMail\")");
        session.Ok(command.Tag, "ID completed");
        return ValueTask.FromResult(state);
    }
}
