using System.Buffers;
using System.Globalization;
using System.Text;
using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// One mailbox's untagged STATUS response, for STATUS and for LIST-STATUS (RFC 5819), which lists many. MESSAGES,
/// UIDNEXT, UIDVALIDITY, UNSEEN and HIGHESTMODSEQ are the folder's own counters, so they cost nothing past the folder
/// read. RECENT, DELETED and SIZE need the message states, read once for all three (<see cref="FolderStates"/>: what
/// SELECT or an earlier STATUS listed at this folder version, else one store read). SIZE is a sum because Core's
/// folder keeps no byte count (the quota store counts bytes per inbox and account only): the sizes of the messages
/// the server's <see cref="MessageCache"/> holds, and one content read for each run of up to
/// <see cref="MessageBatches.RunLength"/> messages it does not (<see cref="MessageBatches"/>).
/// </summary>
internal static class MailboxStatus
{
    /// <summary>Writes <c>* STATUS mailbox (…)</c>; <paramref name="items"/> come from <see cref="StatusItems.TryRead"/>.</summary>
    public static async Task WriteAsync(ImapSession session, string mailbox, Folder folder, IReadOnlyList<string> items)
    {
        List<MessageState>? states = null;
        var values = new List<string>(items.Count);
        foreach (var item in items)
        {
            long value = item switch
            {
                "MESSAGES" => folder.Total,
                "UIDNEXT" => folder.UidNext,
                "UIDVALIDITY" => folder.UidValidity,
                "UNSEEN" => folder.Unseen,
                "HIGHESTMODSEQ" => (long)folder.HighestModSeq,
                "RECENT" => (states ??= await FolderStates.ReadAsync(session, folder).ConfigureAwait(false)).Count(m => m.Uid >= folder.FirstRecentUid),
                "DELETED" => (states ??= await FolderStates.ReadAsync(session, folder).ConfigureAwait(false)).Count(m => (m.Flags & MessageFlags.Deleted) != 0),
                "SIZE" => await SizeAsync(session, folder, states ??= await FolderStates.ReadAsync(session, folder).ConfigureAwait(false)).ConfigureAwait(false),
                _ => throw new ArgumentException("Not a STATUS item: " + item, nameof(items)),
            };
            values.Add(item + " " + value.ToString(CultureInfo.InvariantCulture));
        }

        var line = new ArrayBufferWriter<byte>();
        ImapSyntax.WriteAscii(line, "STATUS ");
        ImapSyntax.WriteString(line, session.WireName(mailbox));
        ImapSyntax.WriteAscii(line, " (" + string.Join(' ', values) + ")");
        session.Untagged(Encoding.UTF8.GetString(line.WrittenSpan));
    }

    // RFC 8438 §3: the octets of the messages, so the sum of their RFC822.SIZE, read as FETCH reads them (and kept in
    // the cache for it); one expunged meanwhile is simply not counted.
    private static async Task<long> SizeAsync(ImapSession session, Folder folder, List<MessageState> states)
    {
        long size = 0;
        await foreach (var (_, stored, _) in MessageBatches.ReadAsync(session, folder.Id, states, Enumerable.Range(0, states.Count).ToList()).ConfigureAwait(false))
        {
            size += stored.Size;
        }

        return size;
    }
}
