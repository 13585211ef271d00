namespace ServerlessMail.Imap;

/// <summary>
/// RFC 5182 SEARCHRES: what SEARCH RETURN (SAVE) keeps in the selected mailbox's search result variable, and how
/// "$" inside a search key becomes the messages kept there.
/// </summary>
internal static class SearchResult
{
    /// <summary>
    /// The UIDs to keep (RFC 5182 §2.1): with MIN or MAX and neither ALL nor COUNT, only the lowest and/or highest
    /// match; otherwise every match. <paramref name="uids"/> is ascending.
    /// </summary>
    public static IReadOnlyList<uint> Saved(List<uint> uids, SearchReturn returns)
    {
        if (uids.Count == 0 || (returns & (SearchReturn.All | SearchReturn.Count)) != 0 || (returns & (SearchReturn.Min | SearchReturn.Max)) == 0)
        {
            return uids;
        }

        var kept = new List<uint>(2);
        if (returns.HasFlag(SearchReturn.Min))
        {
            kept.Add(uids[0]);
        }

        if (returns.HasFlag(SearchReturn.Max) && (kept.Count == 0 || uids[^1] != kept[0]))
        {
            kept.Add(uids[^1]);
        }

        return kept;
    }

    /// <summary>
    /// The key with each "$" replaced by the saved UIDs, bound before the search runs so that
    /// "SEARCH RETURN (SAVE) $ …" reads the previous result and only then replaces it.
    /// </summary>
    public static SearchKey Bind(SearchKey key, SelectedMailbox mailbox) => key switch
    {
        SequenceKey { Set.IsSearchResult: true } => new SequenceKey(mailbox.Bind(SequenceSet.SearchResult, uid: true), Uid: true),
        AndKey and => new AndKey([.. and.Keys.Select(k => Bind(k, mailbox))]),
        OrKey or => new OrKey(Bind(or.Left, mailbox), Bind(or.Right, mailbox)),
        NotKey not => new NotKey(Bind(not.Key, mailbox)),
        _ => key,
    };
}
