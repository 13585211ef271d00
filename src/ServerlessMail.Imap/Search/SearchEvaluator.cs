namespace ServerlessMail.Imap.Search;

/// <summary>Evaluates an RFC 3501 §6.4.4 search key against one message.</summary>
internal static class SearchEvaluator
{
    /// <summary>The deepest key tree evaluated; the SEARCH parser must refuse deeper nesting too.</summary>
    public const int MaxDepth = 64;

    public static bool NeedsContent(SearchKey key)
    {
        // TODO: implement (signature first, per the contract).
        throw new NotImplementedException();
    }

    public static ValueTask<bool> MatchesAsync(SearchKey key, SearchSubject subject, CancellationToken cancellationToken)
    {
        // TODO: implement (signature first, per the contract).
        throw new NotImplementedException();
    }
}
