namespace ServerlessMail.Imap;

/// <summary>
/// SEARCH and UID SEARCH (RFC 3501 §6.4.4), with ESEARCH results (RFC 4731) when RETURN is given and the highest
/// MODSEQ of the matches when the key uses MODSEQ (RFC 7162 §3.1.5, which also makes SEARCH MODSEQ a
/// CONDSTORE-enabling command). <see cref="SearchScan"/> decides what each key has to read.
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
            // RFC 3501 §6.4.4: NO with the charsets that are supported.
            session.No(command.Tag, "BADCHARSET (UTF-8 US-ASCII)", error ?? "Unsupported charset");
            return state;
        }

        if (request is null)
        {
            session.Bad(command.Tag, error ?? "Bad search");
            return state;
        }

        var usesModSeq = SearchResponse.UsesModSeq(request.Key);
        if (usesModSeq)
        {
            session.CondStoreEnabled = true;
        }

        var mailbox = selected.Mailbox;
        var matches = await SearchScan.RunAsync(session, mailbox, request.Key).ConfigureAwait(false);
        var numbers = matches.ConvertAll(m => uid ? mailbox.Messages[m.Index].Uid : (uint)m.Index + 1);
        ulong? highest = usesModSeq && matches.Count > 0 ? matches.Max(m => m.ModSeq) : null;
        session.Untagged(request.Return is { } returns
            ? SearchResponse.Esearch(command.Tag, uid, returns, numbers, highest)
            : SearchResponse.Search(numbers, highest));
        session.Ok(command.Tag, command.Name + " completed");
        return state;
    }
}
