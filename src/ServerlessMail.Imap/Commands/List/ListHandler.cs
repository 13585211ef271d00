using System.Buffers;
using System.Text;

namespace ServerlessMail.Imap;

/// <summary>
/// LIST (RFC 3501 §6.3.8, extended by RFC 5258 LIST-EXTENDED and RFC 5819 LIST-STATUS) and LSUB (§6.3.9), with RFC
/// 6154 special-use and RFC 5258 §4 child attributes. <c>LIST "" ""</c> answers the hierarchy separator, whatever
/// the options. An account view's inbox addresses are \Noselect containers. With RETURN (STATUS (…)) each selectable
/// mailbox's STATUS follows its LIST line (RFC 5819 §2), from the folder row LIST read anyway.
/// </summary>
internal static class ListHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var arguments = session.Arguments(command);
        if (command.Name == "LSUB")
        {
            return await LsubAsync(session, state, command, arguments).ConfigureAwait(false);
        }

        if (ListParser.TryParse(arguments, session.Imap4Rev2Enabled, out var request) is { } error)
        {
            session.Bad(command.Tag, error);
            return state;
        }

        if (request!.Patterns is [""])
        {
            session.Untagged("LIST (\\Noselect) \"/\" \"\"");
            session.Ok(command.Tag, "LIST completed");
            return state;
        }

        var mailboxes = await ((AuthenticatedState)state).Identity.View.ListAsync(session.Services.Store, session.Cancellation).ConfigureAwait(false);
        foreach (var entry in ListMatcher.Match(mailboxes, request))
        {
            WriteLine(session, "LIST", entry.Attributes, entry.Name, entry.ChildInfo);
            if (request.StatusItems.Count > 0 && entry.Folder is { } folder)
            {
                await MailboxStatus.WriteAsync(session, entry.Name, folder, request.StatusItems).ConfigureAwait(false);
            }
        }

        session.Ok(command.Tag, "LIST completed");
        return state;
    }

    // LSUB's \Noselect also means "not subscribed itself, but a child is" (RFC 3501 §6.3.9), which is what an
    // inbox container is; it carries no other attribute.
    private static async ValueTask<ImapState> LsubAsync(ImapSession session, ImapState state, ImapCommand command, ArgumentReader arguments)
    {
        if (!arguments.TryMailbox(out var reference) || !arguments.TryMailbox(out var pattern) || !arguments.End)
        {
            session.Bad(command.Tag, arguments.MailboxError ?? "LSUB takes a reference and a mailbox pattern");
            return state;
        }

        var full = ListPattern.Combine(reference, pattern);
        foreach (var (name, folder) in await ((AuthenticatedState)state).Identity.View.ListAsync(session.Services.Store, session.Cancellation).ConfigureAwait(false))
        {
            if (ListPattern.Matches(full, name) && folder is not { Subscribed: false })
            {
                WriteLine(session, "LSUB", folder is null ? [@"\Noselect"] : [], name, childInfo: false);
            }
        }

        session.Ok(command.Tag, "LSUB completed");
        return state;
    }

    private static void WriteLine(ImapSession session, string response, IReadOnlyList<string> attributes, string name, bool childInfo) =>
        session.Untagged(Line(session, response, attributes, name, childInfo));

    /// <summary>One LIST or LSUB line as this session spells names; SELECT's rev2 LIST uses it too.</summary>
    internal static string Line(ImapSession session, string response, IReadOnlyList<string> attributes, string name, bool childInfo)
    {
        var line = new ArrayBufferWriter<byte>();
        ImapSyntax.WriteAscii(line, $"{response} ({string.Join(' ', attributes)}) \"{MailboxView.Separator}\" ");
        ImapSyntax.WriteString(line, session.WireName(name));
        if (childInfo)
        {
            // RFC 5258 §3.5: the only selection criterion CHILDINFO names is SUBSCRIBED.
            ImapSyntax.WriteAscii(line, " (\"CHILDINFO\" (\"SUBSCRIBED\"))");
        }

        return Encoding.UTF8.GetString(line.WrittenSpan);
    }
}
