using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// Reads the stored rows of the session's messages a run at a time (<see cref="IMessageStore.ListContentByUidAsync"/>)
/// instead of one store read per message, and not at all for a run whose entries the server holds
/// (<see cref="MessageCache"/>). A run is consecutive map positions, so its UID range holds no message the map
/// lacks (later arrivals have higher UIDs than any the session knows) and the store never cuts it short; a UID
/// missing from the answer was expunged meanwhile and is skipped. A held entry may belong to a message expunged
/// meanwhile by another session; its content never changes, so it is still given, as RFC 2180 §4.1.2 allows, and
/// the EXPUNGE follows at the next sync point. At most <see cref="RunLength"/> rows are held at once.
/// </summary>
internal static class MessageBatches
{
    public const int RunLength = 250;

    /// <summary>
    /// The map positions (in the given order) with their content as the session sees it (the map's flags and MODSEQ)
    /// and their cached entry; expunged ones the server no longer holds are skipped.
    /// </summary>
    public static IAsyncEnumerable<(int Index, MessageContent Stored, CachedMessage Cached)> ReadAsync(ImapSession session, SelectedMailbox mailbox, IReadOnlyList<int> indices) =>
        ReadAsync(session, mailbox.Folder.Id, mailbox.Messages, indices);

    /// <summary>The same over a folder's states (ascending by UID) as STATUS listed them, without a selection.</summary>
    public static async IAsyncEnumerable<(int Index, MessageContent Stored, CachedMessage Cached)> ReadAsync(
        ImapSession session, string folderId, IReadOnlyList<MessageState> states, IReadOnlyList<int> indices)
    {
        var cache = session.Services.Messages;
        var held = new CachedMessage[RunLength];
        var run = new List<MessageState>(RunLength);
        var rows = new Dictionary<uint, MessageContent>(RunLength);
        var start = 0;
        while (start < indices.Count)
        {
            var end = start + 1;
            while (end < indices.Count && end - start < RunLength && indices[end] == indices[end - 1] + 1)
            {
                end++;
            }

            run.Clear();
            for (var i = start; i < end; i++)
            {
                run.Add(states[indices[i]]);
            }

            if (cache.TryFindAll(run, held))
            {
                for (var i = 0; i < run.Count; i++)
                {
                    yield return (indices[start + i], held[i].For(run[i]), held[i]);
                }

                start = end;
                continue;
            }

            rows.Clear();
            foreach (var stored in await session.Services.Store.ListContentByUidAsync(folderId, run[0].Uid, run[^1].Uid, run.Count, session.Cancellation).ConfigureAwait(false))
            {
                rows[stored.Uid] = stored;
            }

            var full = rows.Count == run.Count;
            for (var i = 0; i < run.Count; i++)
            {
                var state = run[i];
                // A full answer that lacks a UID would mean the range held a row the map does not know; read that
                // one alone rather than trust the argument above.
                var stored = rows.GetValueOrDefault(state.Uid);
                if (stored is null && full &&
                    await session.Services.Store.GetMessageByUidAsync(folderId, state.Uid, session.Cancellation).ConfigureAwait(false) is { } single)
                {
                    stored = MessageContent.Of(single);
                }

                if (stored is not null)
                {
                    yield return (indices[start + i], stored, cache.Add(stored));
                }
            }

            start = end;
        }
    }
}
