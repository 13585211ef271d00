using ServerlessMail.Core;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap;

/// <summary>
/// Runs a search key over the selected mailbox as cheaply as the key allows: keys on flags, keywords, numbers and
/// MODSEQ are answered from the session's map without touching the store; keys on sizes, dates and the envelope
/// fields read the stored rows a page at a time (their stored structure carries the header fields, no blob is read);
/// only HEADER on other fields, BODY and TEXT load a message's blob, and only for the messages that get that far.
/// </summary>
internal static class SearchScan
{
    /// <summary>The matching messages as (0-based index in the map, MODSEQ), ascending.</summary>
    public static async Task<List<(int Index, ulong ModSeq)>> RunAsync(ImapSession session, SelectedMailbox mailbox, SearchKey key)
    {
        var matches = new List<(int, ulong)>();
        Func<MessageContent, CancellationToken, ValueTask<MimeMessage>> load = (stored, cancellation) => LoadAsync(session, stored, cancellation);
        if (NeedsOnlyState(key))
        {
            for (var index = 0; index < mailbox.Messages.Count; index++)
            {
                var state = mailbox.Messages[index];
                if (await SearchEvaluator.MatchesAsync(key, Subject(mailbox, FromState(state), null, index, load), session.Cancellation).ConfigureAwait(false))
                {
                    matches.Add((index, state.ModSeq));
                }
            }

            return matches;
        }

        // The stored rows a run at a time, in UID order; messages expunged meanwhile are skipped, and messages the
        // session has not been told about yet are not in its map, so not read.
        var all = Enumerable.Range(0, mailbox.Messages.Count).ToList();
        await foreach (var (index, stored, cached) in MessageBatches.ReadAsync(session, mailbox, all).ConfigureAwait(false))
        {
            if (await SearchEvaluator.MatchesAsync(key, Subject(mailbox, stored, cached, index, load), session.Cancellation).ConfigureAwait(false))
            {
                matches.Add((index, stored.ModSeq));
            }
        }

        return matches;
    }

    /// <summary>True when every key needs only what <see cref="MessageState"/> and the session hold.</summary>
    public static bool NeedsOnlyState(SearchKey key) => key switch
    {
        AllKey or FlagKey or RecentKey or NewKey or KeywordKey or SequenceKey or ModSeqKey => true,
        AndKey and => and.Keys.All(NeedsOnlyState),
        OrKey or => NeedsOnlyState(or.Left) && NeedsOnlyState(or.Right),
        NotKey not => NeedsOnlyState(not.Key),
        _ => false,
    };

    private static SearchSubject Subject(
        SelectedMailbox mailbox, MessageContent stored, CachedMessage? cached, int index, Func<MessageContent, CancellationToken, ValueTask<MimeMessage>> load) => new()
    {
        Message = stored,
        Cached = cached,
        SequenceNumber = (uint)index + 1,
        IsRecent = mailbox.Recent.Contains(stored.Uid),
        LargestSequence = (uint)mailbox.Messages.Count,
        LargestUid = mailbox.LargestUid,
        LoadMessageAsync = load,
    };

    // The evaluator reads only flags, keywords, the UID and MODSEQ for the keys NeedsOnlyState admits; the rest of
    // this record is empty on purpose and never read.
    private static MessageContent FromState(MessageState state) => new(
        state.MessageId, state.Uid, state.Flags, state.Keywords, DateTimeOffset.MinValue, 0, state.ModSeq, string.Empty, ReadOnlyMemory<byte>.Empty);

    private static async ValueTask<MimeMessage> LoadAsync(ImapSession session, MessageContent stored, CancellationToken cancellation)
    {
        // Only HEADER on a field the structure does not keep, BODY and TEXT get here. The message is at most the
        // APPENDLIMIT or the SMTP size limit, both bounded, and is parsed from the blob as ingest parsed it.
        await using var raw = await session.Services.Blobs.OpenReadAsync(stored.BlobKey, cancellation).ConfigureAwait(false);
        var buffer = new MemoryStream((int)Math.Min(stored.Size, int.MaxValue));
        await raw.CopyToAsync(buffer, cancellation).ConfigureAwait(false);
        return MimeParser.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
