using System.Buffers;
using System.Globalization;
using System.Text;

namespace ServerlessMail.Imap;

/// <summary>STATUS (RFC 3501 §6.3.10, RFC 7162 HIGHESTMODSEQ), from the folder's counters; RECENT needs the UID list.</summary>
internal static class StatusHandler
{
    private static readonly string[] Items = ["MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ"];

    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var arguments = new ArgumentReader(command.Arguments);
        if (!arguments.TryMailbox(out var mailbox) || !arguments.TryAtomList(out var items) || !arguments.End || items.Count == 0
            || items.Any(i => !Items.Contains(i.ToUpperInvariant())))
        {
            session.Bad(command.Tag, arguments.MailboxError ?? "STATUS takes a mailbox and a list of MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ");
            return state;
        }

        if (await MailboxLookup.FindAsync(session, (AuthenticatedState)state, command.Tag, mailbox).ConfigureAwait(false) is not { } found)
        {
            return state;
        }

        var folder = found.Folder;
        var values = new List<string>();
        foreach (var item in items.Select(i => i.ToUpperInvariant()))
        {
            long value = item switch
            {
                "MESSAGES" => folder.Total,
                "UIDNEXT" => folder.UidNext,
                "UIDVALIDITY" => folder.UidValidity,
                "UNSEEN" => folder.Unseen,
                "HIGHESTMODSEQ" => (long)folder.HighestModSeq,
                _ => (await session.Services.Store.ListStatesAsync(folder.Id, session.Cancellation).ConfigureAwait(false)).Count(m => m.Uid >= folder.FirstRecentUid),
            };
            values.Add(item + " " + value.ToString(CultureInfo.InvariantCulture));
        }

        var line = new ArrayBufferWriter<byte>();
        ImapSyntax.WriteAscii(line, "STATUS ");
        ImapSyntax.WriteString(line, ModifiedUtf7.Encode(mailbox));
        ImapSyntax.WriteAscii(line, " (" + string.Join(' ', values) + ")");
        session.Untagged(Encoding.UTF8.GetString(line.WrittenSpan));
        session.Ok(command.Tag, "STATUS completed");
        return state;
    }
}
