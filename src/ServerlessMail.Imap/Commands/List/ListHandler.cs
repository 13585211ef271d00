using System.Buffers;
using System.Text;
using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// LIST and LSUB (RFC 3501 §6.3.8-9) with RFC 6154 special-use and RFC 3348 CHILDREN attributes. <c>LIST "" ""</c>
/// answers the hierarchy separator. An account view's inbox addresses are \Noselect containers.
/// </summary>
internal static class ListHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var arguments = new ArgumentReader(command.Arguments);
        if (!arguments.TryMailbox(out var reference) || !arguments.TryMailbox(out var pattern) || !arguments.End)
        {
            session.Bad(command.Tag, arguments.MailboxError ?? command.Name + " takes a reference and a mailbox pattern");
            return state;
        }

        if (pattern.Length == 0 && command.Name == "LIST")
        {
            session.Untagged("LIST (\\Noselect) \"/\" \"\"");
            session.Ok(command.Tag, "LIST completed");
            return state;
        }

        var view = ((AuthenticatedState)state).Identity.View;
        var full = reference.Length > 0 && !reference.EndsWith(MailboxView.Separator) && pattern.Length > 0 ? reference + MailboxView.Separator + pattern : reference + pattern;
        var mailboxes = await view.ListAsync(session.Services.Store, session.Cancellation).ConfigureAwait(false);
        var names = mailboxes.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var lsub = command.Name == "LSUB";
        foreach (var (name, folder) in mailboxes)
        {
            if (!ListPattern.Matches(full, name) || (lsub && folder is { Subscribed: false }))
            {
                continue;
            }

            var attributes = new List<string>();
            if (folder is null)
            {
                attributes.Add(@"\Noselect");
            }

            if (!lsub)
            {
                var prefix = name + MailboxView.Separator;
                attributes.Add(names.Any(n => n.StartsWith(prefix, StringComparison.Ordinal)) ? @"\HasChildren" : @"\HasNoChildren");
                if (folder is not null && SpecialUseAttribute(folder.SpecialUse) is { } use)
                {
                    attributes.Add(use);
                }
            }

            var line = new ArrayBufferWriter<byte>();
            ImapSyntax.WriteAscii(line, $"{command.Name} ({string.Join(' ', attributes)}) \"/\" ");
            ImapSyntax.WriteString(line, ModifiedUtf7.Encode(name));
            session.Untagged(Encoding.UTF8.GetString(line.WrittenSpan));
        }

        session.Ok(command.Tag, command.Name + " completed");
        return state;
    }

    public static string? SpecialUseAttribute(SpecialUse use) => use switch
    {
        SpecialUse.Sent => @"\Sent",
        SpecialUse.Drafts => @"\Drafts",
        SpecialUse.Trash => @"\Trash",
        SpecialUse.Junk => @"\Junk",
        SpecialUse.Archive => @"\Archive",
        _ => null,
    };
}
