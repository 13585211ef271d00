namespace ServerlessMail.Imap;

/// <summary>
/// ENABLE (RFC 5161): CONDSTORE; QRESYNC (RFC 7162 §3.2.3), which implies CONDSTORE; and IMAP4rev2 (RFC 9051 §6.3.1),
/// which switches the session from rev1 to rev2 behaviour. Others are ignored, as RFC 5161 §3.1 asks.
/// </summary>
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
            var known = name.ToUpperInvariant() switch
            {
                "CONDSTORE" => "CONDSTORE",
                "QRESYNC" => "QRESYNC",
                "IMAP4REV2" => "IMAP4rev2",
                _ => null,
            };
            if (known is null || enabled.Contains(known))
            {
                continue;
            }

            session.CondStoreEnabled |= known is "CONDSTORE" or "QRESYNC";
            session.QResyncEnabled |= known == "QRESYNC";
            session.Imap4Rev2Enabled |= known == "IMAP4rev2";
            enabled.Add(known);
        }

        session.Untagged("ENABLED" + string.Concat(enabled.Select(e => " " + e)));
        session.Ok(command.Tag, "ENABLE completed");
        return ValueTask.FromResult(state);
    }
}
