using System.Globalization;
using ServerlessMail.Core;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap;

/// <summary>
/// SEARCH and UID SEARCH (RFC 3501 §6.4.4), with ESEARCH results (RFC 4731) when RETURN is given. Keys that need only
/// flags and numbers are answered from the session's map; others from the stored message, and BODY/TEXT/HEADER from
/// the parsed blob (<see cref="SearchEvaluator"/>).
/// </summary>
internal static class SearchHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var selected = (SelectedState)state;
        var uid = command.Name == "UID SEARCH";
        var error = SearchParser.TryParse(command.Arguments, out var request, out var badCharset);
        if (badCharset)
        {
            session.No(command.Tag, "BADCHARSET (UTF-8 US-ASCII)", error ?? "Unsupported charset");
            return state;
        }

        if (request is null)
        {
            session.Bad(command.Tag, error ?? "Bad search");
            return state;
        }

        var mailbox = selected.Mailbox;
        var store = session.Services.Store;
        var matches = new List<(uint Number, ulong ModSeq)>();
        for (var index = 0; index < mailbox.Messages.Count; index++)
        {
            var known = mailbox.Messages[index];
            var stored = await store.GetMessageByUidAsync(mailbox.Folder.Id, known.Uid, session.Cancellation).ConfigureAwait(false);
            if (stored is null)
            {
                continue;
            }

            var subject = new SearchSubject
            {
                Message = stored,
                SequenceNumber = (uint)index + 1,
                IsRecent = mailbox.Recent.Contains(known.Uid),
                LargestSequence = (uint)mailbox.Messages.Count,
                LargestUid = mailbox.LargestUid,
                LoadMessageAsync = cancellation => LoadAsync(session, stored, cancellation),
            };
            if (await SearchEvaluator.MatchesAsync(request.Key, subject, session.Cancellation).ConfigureAwait(false))
            {
                matches.Add((uid ? known.Uid : (uint)index + 1, stored.ModSeq));
            }
        }

        var modSeq = ContainsModSeq(request.Key) && matches.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $" (MODSEQ {matches.Max(m => m.ModSeq)})") : string.Empty;
        if (request.Return is not { } returns)
        {
            session.Untagged("SEARCH" + string.Concat(matches.Select(m => " " + m.Number.ToString(CultureInfo.InvariantCulture))) + modSeq);
        }
        else
        {
            session.Untagged(Esearch(command.Tag, uid, returns, matches.Select(m => m.Number).ToList()));
        }

        session.Ok(command.Tag, command.Name + " completed");
        return state;
    }

    private static string Esearch(string tag, bool uid, SearchReturn returns, List<uint> numbers)
    {
        var text = "ESEARCH (TAG \"" + tag + "\")" + (uid ? " UID" : string.Empty);
        if (numbers.Count > 0 && returns.HasFlag(SearchReturn.Min))
        {
            text += " MIN " + numbers[0].ToString(CultureInfo.InvariantCulture);
        }

        if (numbers.Count > 0 && returns.HasFlag(SearchReturn.Max))
        {
            text += " MAX " + numbers[^1].ToString(CultureInfo.InvariantCulture);
        }

        if (returns.HasFlag(SearchReturn.Count))
        {
            text += " COUNT " + numbers.Count.ToString(CultureInfo.InvariantCulture);
        }

        if (numbers.Count > 0 && returns.HasFlag(SearchReturn.All))
        {
            text += " ALL " + Compact(numbers);
        }

        return text;
    }

    /// <summary>Ascending numbers as a sequence set: 1,2,3,5 → "1:3,5".</summary>
    public static string Compact(List<uint> numbers)
    {
        var parts = new List<string>();
        var start = numbers[0];
        var previous = start;
        foreach (var number in numbers.Skip(1).Append(0u))
        {
            if (number == previous + 1)
            {
                previous = number;
                continue;
            }

            parts.Add(start == previous ? start.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{start}:{previous}"));
            start = previous = number;
        }

        return string.Join(',', parts);
    }

    private static bool ContainsModSeq(SearchKey key) => key switch
    {
        ModSeqKey => true,
        AndKey and => and.Keys.Any(ContainsModSeq),
        OrKey or => ContainsModSeq(or.Left) || ContainsModSeq(or.Right),
        NotKey not => ContainsModSeq(not.Key),
        _ => false,
    };

    private static async ValueTask<MimeMessage> LoadAsync(ImapSession session, StoredMessage stored, CancellationToken cancellation)
    {
        // Only BODY, TEXT and HEADER get here; the message is parsed from the blob as ingest parsed it.
        await using var raw = await session.Services.Blobs.OpenReadAsync(stored.BlobKey, cancellation).ConfigureAwait(false);
        var buffer = new MemoryStream();
        await raw.CopyToAsync(buffer, cancellation).ConfigureAwait(false);
        return MimeParser.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
