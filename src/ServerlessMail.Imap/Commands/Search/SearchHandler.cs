namespace ServerlessMail.Imap;

/// <summary>
/// SEARCH and UID SEARCH (RFC 3501 §6.4.4), with ESEARCH results (RFC 4731) when RETURN is given and the highest
/// MODSEQ of the matches when the key uses MODSEQ (RFC 7162 §3.1.5, which also makes SEARCH MODSEQ a
/// CONDSTORE-enabling command). RETURN (SAVE) keeps the result for "$" (RFC 5182, <see cref="SearchResult"/>).
/// Under IMAP4rev2 the answer is always ESEARCH, a SEARCH without RETURN meaning RETURN (ALL) (RFC 9051 §6.4.4).
/// <see cref="SearchScan"/> decides what each key has to read.
/// </summary>
internal static class SearchHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var selected = (SelectedState)state;
        var mailbox = selected.Mailbox;
        var uid = command.Name == "UID SEARCH";
        var error = SearchParser.TryParse(command.Arguments, out var request, out var badCharset, session.Imap4Rev2Enabled);
        if (badCharset)
        {
            // RFC 5182 §2.1: a SEARCH (SAVE) that fails with NO empties the search result variable; one that is
            // BAD leaves it as it was.
            if (SearchParser.RequestsSave(command.Arguments))
            {
                mailbox.SearchResult = [];
            }

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

        var key = SearchResult.Bind(request.Key, mailbox);
        var matches = await SearchScan.RunAsync(session, mailbox, key).ConfigureAwait(false);
        var numbers = matches.ConvertAll(m => uid ? mailbox.Messages[m.Index].Uid : (uint)m.Index + 1);
        ulong? highest = usesModSeq && matches.Count > 0 ? matches.Max(m => m.ModSeq) : null;
        var returns = request.Return ?? (session.Imap4Rev2Enabled ? SearchReturn.All : null);
        if (returns is { } saving && saving.HasFlag(SearchReturn.Save))
        {
            mailbox.SearchResult = SearchResult.Saved(matches.ConvertAll(m => mailbox.Messages[m.Index].Uid), saving);
        }

        if (returns is null)
        {
            session.Untagged(SearchResponse.Search(numbers, highest));
        }
        else if (returns != SearchReturn.Save)
        {
            // RFC 5182 §2.1: SAVE alone answers with the tagged OK only.
            session.Untagged(SearchResponse.Esearch(command.Tag, uid, returns.Value, numbers, highest));
        }

        session.Ok(command.Tag, command.Name + " completed");
        return state;
    }
}
