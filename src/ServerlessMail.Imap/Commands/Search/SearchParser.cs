using System.Globalization;
using ServerlessMail.Core;
using SubjectKey = ServerlessMail.Imap.Search.SubjectKey;

namespace ServerlessMail.Imap;

/// <summary>The ESEARCH RETURN options (RFC 4731 §3.1) and SAVE (RFC 5182 §2.1), combined.</summary>
[Flags]
internal enum SearchReturn
{
    None = 0,
    Min = 1,
    Max = 2,
    Count = 4,
    All = 8,
    Save = 16,
}

/// <param name="Return">Null for a plain SEARCH; an ESEARCH (RFC 4731) otherwise, ALL when RETURN () was empty.</param>
internal sealed record SearchRequest(SearchKey Key, SearchReturn? Return);

/// <summary>
/// SEARCH [RETURN (…)] [CHARSET c] keys (RFC 3501 §6.4.4, RFC 4731, RFC 5182) into the <see cref="SearchKey"/> tree.
/// Only UTF-8 and US-ASCII are accepted (others get NO [BADCHARSET]); nesting is bounded by
/// <see cref="SearchEvaluator.MaxDepth"/>. "$" is a sequence set like any other here; the handler binds it.
/// </summary>
internal static class SearchParser
{
    /// <param name="rev2">An IMAP4rev2 session: RFC 9051 removed RECENT, NEW and OLD with \Recent, so they are unknown keys.</param>
    public static string? TryParse(IReadOnlyList<ImapToken> tokens, out SearchRequest? request, out bool badCharset, bool rev2 = false)
    {
        request = null;
        badCharset = false;
        var arguments = new ArgumentReader(tokens);
        SearchReturn? returns = null;
        if (arguments.TryWord("RETURN"))
        {
            if (!arguments.TryAtomList(out var options))
            {
                return "RETURN takes a list";
            }

            var value = SearchReturn.None;
            foreach (var option in options)
            {
                value |= option.ToUpperInvariant() switch
                {
                    "MIN" => SearchReturn.Min,
                    "MAX" => SearchReturn.Max,
                    "COUNT" => SearchReturn.Count,
                    "ALL" => SearchReturn.All,
                    "SAVE" => SearchReturn.Save,
                    _ => (SearchReturn)(-1),
                };
            }

            if (value < 0)
            {
                return "Unknown RETURN option";
            }

            returns = value == SearchReturn.None ? SearchReturn.All : value;
        }

        if (arguments.TryWord("CHARSET"))
        {
            if (!arguments.TryAString(out var charset))
            {
                return "CHARSET takes a name";
            }

            if (!charset.Equals("UTF-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("US-ASCII", StringComparison.OrdinalIgnoreCase))
            {
                badCharset = true;
                return "Unsupported charset";
            }
        }

        var keys = new List<SearchKey>();
        while (!arguments.End)
        {
            if (ParseKey(arguments, 0, rev2, out var error) is not { } key)
            {
                return error;
            }

            keys.Add(key);
        }

        if (keys.Count == 0)
        {
            return "SEARCH needs a key";
        }

        request = new SearchRequest(keys.Count == 1 ? keys[0] : new AndKey(keys), returns);
        return null;
    }

    /// <summary>True when the command asks for RETURN (… SAVE …), whether or not the rest of it parses.</summary>
    public static bool RequestsSave(IReadOnlyList<ImapToken> tokens)
    {
        var arguments = new ArgumentReader(tokens);
        return arguments.TryWord("RETURN") && arguments.TryAtomList(out var options) && options.Any(o => o.Equals("SAVE", StringComparison.OrdinalIgnoreCase));
    }

    private static SearchKey? ParseKey(ArgumentReader arguments, int depth, bool rev2, out string? error)
    {
        error = null;
        if (depth >= SearchEvaluator.MaxDepth)
        {
            error = "Search too deeply nested";
            return null;
        }

        if (arguments.TryOpen())
        {
            var keys = new List<SearchKey>();
            while (!arguments.TryClose())
            {
                if (arguments.End || ParseKey(arguments, depth + 1, rev2, out error) is not { } inner)
                {
                    error ??= "Unbalanced parentheses";
                    return null;
                }

                keys.Add(inner);
            }

            return keys.Count == 0 ? Fail(out error, "Empty list") : new AndKey(keys);
        }

        if (arguments.TrySequenceSet(out var set))
        {
            return new SequenceKey(set, false);
        }

        if (!arguments.TryAtom(out var atom))
        {
            return Fail(out error, "Expected a search key");
        }

        switch (atom.ToUpperInvariant())
        {
            case "ALL": return new AllKey();
            case "SEEN": return new FlagKey(MessageFlags.Seen, true);
            case "UNSEEN": return new FlagKey(MessageFlags.Seen, false);
            case "ANSWERED": return new FlagKey(MessageFlags.Answered, true);
            case "UNANSWERED": return new FlagKey(MessageFlags.Answered, false);
            case "FLAGGED": return new FlagKey(MessageFlags.Flagged, true);
            case "UNFLAGGED": return new FlagKey(MessageFlags.Flagged, false);
            case "DELETED": return new FlagKey(MessageFlags.Deleted, true);
            case "UNDELETED": return new FlagKey(MessageFlags.Deleted, false);
            case "DRAFT": return new FlagKey(MessageFlags.Draft, true);
            case "UNDRAFT": return new FlagKey(MessageFlags.Draft, false);
            case "RECENT" when !rev2: return new RecentKey(true);
            case "OLD" when !rev2: return new RecentKey(false);
            case "NEW" when !rev2: return new NewKey();
            case "KEYWORD": return arguments.TryAtom(out var keyword) ? new KeywordKey(keyword, true) : Fail(out error, "KEYWORD takes a flag");
            case "UNKEYWORD": return arguments.TryAtom(out var unkeyword) ? new KeywordKey(unkeyword, false) : Fail(out error, "UNKEYWORD takes a flag");
            case "UID": return arguments.TrySequenceSet(out var uids) ? new SequenceKey(uids, true) : Fail(out error, "UID takes a set");
            case "FROM": return Text(arguments, v => new AddressKey(AddressField.From, v), out error);
            case "TO": return Text(arguments, v => new AddressKey(AddressField.To, v), out error);
            case "CC": return Text(arguments, v => new AddressKey(AddressField.Cc, v), out error);
            case "BCC": return Text(arguments, v => new AddressKey(AddressField.Bcc, v), out error);
            case "SUBJECT": return Text(arguments, v => new SubjectKey(v), out error);
            case "BODY": return Text(arguments, v => new BodyKey(v), out error);
            case "TEXT": return Text(arguments, v => new TextKey(v), out error);
            case "HEADER":
                return arguments.TryAString(out var field) && arguments.TryAString(out var value) ? new HeaderKey(field, value) : Fail(out error, "HEADER takes a field and a value");
            case "BEFORE": return Date(arguments, DateComparison.Before, false, out error);
            case "ON": return Date(arguments, DateComparison.On, false, out error);
            case "SINCE": return Date(arguments, DateComparison.Since, false, out error);
            case "SENTBEFORE": return Date(arguments, DateComparison.Before, true, out error);
            case "SENTON": return Date(arguments, DateComparison.On, true, out error);
            case "SENTSINCE": return Date(arguments, DateComparison.Since, true, out error);
            case "LARGER": return arguments.TryNumber(out var larger) ? new SizeKey(larger, true) : Fail(out error, "LARGER takes a number");
            case "SMALLER": return arguments.TryNumber(out var smaller) ? new SizeKey(smaller, false) : Fail(out error, "SMALLER takes a number");
            case "MODSEQ": return ModSeq(arguments, out error);
            case "NOT": return ParseKey(arguments, depth + 1, rev2, out error) is { } negated ? new NotKey(negated) : null;
            case "OR":
                if (ParseKey(arguments, depth + 1, rev2, out error) is not { } left || ParseKey(arguments, depth + 1, rev2, out error) is not { } right)
                {
                    return null;
                }

                return new OrKey(left, right);
            default:
                return Fail(out error, "Unknown search key " + atom);
        }
    }

    private static SearchKey? Text(ArgumentReader arguments, Func<string, SearchKey> make, out string? error)
    {
        error = null;
        return arguments.TryAString(out var value) ? make(value) : Fail(out error, "Expected a string");
    }

    private static SearchKey? Date(ArgumentReader arguments, DateComparison comparison, bool sent, out string? error)
    {
        error = null;
        return arguments.TryAString(out var text) && DateOnly.TryParseExact(text, ["d-MMM-yyyy", "dd-MMM-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateKey(date, comparison, sent)
            : Fail(out error, "Expected a date (dd-Mon-yyyy)");
    }

    // RFC 7162 §3.1.5: MODSEQ ["/flags/name" priv|shared|all] n. Flags carry no mod-sequence of their own here, so
    // the entry is checked and then the message's MODSEQ is compared, as the RFC allows.
    private static SearchKey? ModSeq(ArgumentReader arguments, out string? error)
    {
        error = null;
        if (arguments.Peek is { Kind: TokenKind.Quoted })
        {
            if (!arguments.TryAString(out var entry) || !entry.StartsWith("/flags/", StringComparison.OrdinalIgnoreCase) ||
                !arguments.TryAtom(out var type) || type.ToUpperInvariant() is not ("PRIV" or "SHARED" or "ALL"))
            {
                return Fail(out error, "MODSEQ takes \"/flags/<flag>\" priv|shared|all before the number");
            }
        }

        return arguments.TryULong(out var modSeq) ? new ModSeqKey(modSeq) : Fail(out error, "MODSEQ takes a number");
    }

    private static SearchKey? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }
}
