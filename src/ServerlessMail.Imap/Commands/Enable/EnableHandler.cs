namespace ServerlessMail.Imap;

/// <summary>ENABLE (RFC 5161): CONDSTORE, and QRESYNC (RFC 7162 §3.2.3), which implies CONDSTORE; others are ignored.</summary>
internal static class EnableHandler
{
    public static ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var arguments = new ArgumentReader(command.Arguments);
        var enabled = new List<string>();
        if (arguments.End)
        {
            session.Bad(command.Tag, "ENABLE needs a capability");
            return ValueTask.FromResult(state);
        }

        while (arguments.TryAtom(out var name))
        {
            if (string.Equals(name, "CONDSTORE", StringComparison.OrdinalIgnoreCase) && !enabled.Contains("CONDSTORE"))
            {
                session.CondStoreEnabled = true;
                enabled.Add("CONDSTORE");
            }
            else if (string.Equals(name, "QRESYNC", StringComparison.OrdinalIgnoreCase) && !enabled.Contains("QRESYNC"))
            {
                session.CondStoreEnabled = true;
                session.QResyncEnabled = true;
                enabled.Add("QRESYNC");
            }
        }

        session.Untagged("ENABLED" + string.Concat(enabled.Select(e => " " + e)));
        session.Ok(command.Tag, "ENABLE completed");
        return ValueTask.FromResult(state);
    }
}
