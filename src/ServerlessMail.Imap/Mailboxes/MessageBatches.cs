using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// Reads the stored rows of the session's messages a run at a time (<see cref="IMessageStore.ListContentByUidAsync"/>)
/// instead of one store read per message. A run is consecutive map positions, so its UID range holds no message the
/// map lacks (later arrivals have higher UIDs than any the session knows) and the store never cuts it short; a UID
/// missing from the answer was expunged meanwhile. At most <see cref="RunLength"/> rows are held at once.
/// </summary>
internal static class MessageBatches
{
    public const int RunLength = 250;

    /// <summary>The map positions (in the given order) with their stored rows; expunged ones are skipped.</summary>
    public static async IAsyncEnumerable<(int Index, MessageContent Stored)> ReadAsync(ImapSession session, SelectedMailbox mailbox, IReadOnlyList<int> indices)
    {
        var rows = new Dictionary<uint, MessageContent>(RunLength);
        var start = 0;
        while (start < indices.Count)
        {
            var end = start + 1;
            while (end < indices.Count && end - start < RunLength && indices[end] == indices[end - 1] + 1)
            {
                end++;
            }

            var first = mailbox.Messages[indices[start]].Uid;
            var last = mailbox.Messages[indices[end - 1]].Uid;
            rows.Clear();
            foreach (var stored in await session.Services.Store.ListContentByUidAsync(mailbox.Folder.Id, first, last, end - start, session.Cancellation).ConfigureAwait(false))
            {
                rows[stored.Uid] = stored;
            }

            var full = rows.Count == end - start;
            for (var i = start; i < end; i++)
            {
                var uid = mailbox.Messages[indices[i]].Uid;
                // A full answer that lacks a UID would mean the range held a row the map does not know; read that
                // one alone rather than trust the argument above.
                var stored = rows.GetValueOrDefault(uid);
                if (stored is null && full &&
                    await session.Services.Store.GetMessageByUidAsync(mailbox.Folder.Id, uid, session.Cancellation).ConfigureAwait(false) is { } single)
                {
                    stored = MessageContent.Of(single);
                }

                if (stored is not null)
                {
                    yield return (indices[i], stored);
                }
            }

            start = end;
        }
    }
}
