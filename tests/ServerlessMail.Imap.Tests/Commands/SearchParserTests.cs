using System.Globalization;
using ServerlessMail.Imap.Protocol;
using ServerlessMail.Imap.Search;
using ServerlessMail.Imap.Tests.Protocol;

namespace ServerlessMail.Imap.Tests.Commands;

public sealed class SearchParserTests
{
    [Theory]
    [InlineData("ALL", "ALL")]
    [InlineData("all", "ALL")]
    [InlineData("SEEN UNSEEN", "(AND +Seen -Seen)")]
    [InlineData("ANSWERED UNANSWERED FLAGGED UNFLAGGED DELETED UNDELETED DRAFT UNDRAFT", "(AND +Answered -Answered +Flagged -Flagged +Deleted -Deleted +Draft -Draft)")]
    [InlineData("RECENT OLD NEW", "(AND RECENT OLD NEW)")]
    [InlineData("KEYWORD $Work UNKEYWORD Junk", "(AND KEYWORD:$Work UNKEYWORD:Junk)")]
    [InlineData("1:3,7", "SEQ[1-3,7-7]")]
    [InlineData("5:*", "SEQ[5-100]")]
    [InlineData("UID 2,4:5", "UID[2-2,4-5]")]
    [InlineData("FROM a TO \"b c\" CC {1}\r\nd BCC e", "(AND From:a To:b c Cc:d Bcc:e)")]
    [InlineData("SUBJECT \"\" BODY x TEXT y", "(AND SUBJECT: BODY:x TEXT:y)")]
    [InlineData("HEADER X-Spam yes HEADER Message-ID \"\"", "(AND HEADER:X-Spam:yes HEADER:Message-ID:)")]
    [InlineData("BEFORE 1-Jun-2026 ON 01-Jun-2026 SINCE \"15-Jun-2026\"", "(AND Before:2026-06-01 On:2026-06-01 Since:2026-06-15)")]
    [InlineData("SENTBEFORE 1-Jun-2026 SENTON 2-Jun-2026 SENTSINCE 3-jun-2026", "(AND Before:2026-06-01:sent On:2026-06-02:sent Since:2026-06-03:sent)")]
    [InlineData("LARGER 100 SMALLER 4294967295", "(AND LARGER:100 SMALLER:4294967295)")]
    [InlineData("MODSEQ 18446744073709551615", "MODSEQ:18446744073709551615")]
    [InlineData("MODSEQ \"/flags/\\\\Seen\" shared 7", "MODSEQ:7")]
    [InlineData("NOT SEEN", "(NOT +Seen)")]
    [InlineData("NOT NOT SEEN", "(NOT (NOT +Seen))")]
    [InlineData("OR SEEN FLAGGED", "(OR +Seen +Flagged)")]
    [InlineData("OR OR SEEN FLAGGED NEW", "(OR (OR +Seen +Flagged) NEW)")]
    [InlineData("OR (FROM a SEEN) NOT (TO b)", "(OR (AND From:a +Seen) (NOT (AND To:b)))")]
    [InlineData("(SEEN)", "(AND +Seen)")]
    [InlineData("CHARSET UTF-8 ALL", "ALL")]
    [InlineData("CHARSET \"us-ascii\" ALL", "ALL")]
    public void ParsesTheKeyTree(string criteria, string expected)
    {
        Assert.Null(SearchParser.TryParse(Tokens(criteria), out var request, out var badCharset));
        Assert.False(badCharset);
        Assert.Null(request!.Return);
        Assert.Equal(expected, Describe(request.Key));
    }

    [Theory]
    [InlineData("RETURN (MIN) ALL", "Min")]
    [InlineData("RETURN (min MAX COUNT all) ALL", "Min, Max, Count, All")]
    [InlineData("RETURN () ALL", "All")]
    [InlineData("RETURN (COUNT) CHARSET UTF-8 SEEN", "Count")]
    [InlineData("RETURN (SAVE) ALL", "Save")]
    [InlineData("RETURN (MIN SAVE) $", "Min, Save")]
    public void ParsesEsearchReturnOptions(string criteria, string expected)
    {
        Assert.Null(SearchParser.TryParse(Tokens(criteria), out var request, out _));
        Assert.Equal(expected, request!.Return.ToString());
    }

    [Theory]
    [InlineData("RECENT")]
    [InlineData("NEW")]
    [InlineData("NOT OLD")]
    [InlineData("OR SEEN (RECENT)")]
    public void Rev2_RefusesTheRecentKeys(string criteria)
    {
        Assert.Null(SearchParser.TryParse(Tokens(criteria), out _, out _));
        Assert.StartsWith("Unknown search key ", SearchParser.TryParse(Tokens(criteria), out var request, out _, rev2: true), StringComparison.Ordinal);
        Assert.Null(request);
    }

    [Theory]
    [InlineData("OR FROM a (SUBJECT b NOT SEEN)")]
    [InlineData("HEADER X-A v")]
    [InlineData("NOT (UID 1:* SINCE 1-Jan-2026)")]
    [InlineData("RETURN (MIN) CHARSET UTF-8 OR SEEN NEW")]
    [InlineData("MODSEQ \"/flags/\\\\Seen\" all 5")]
    [InlineData("OR OR SEEN FLAGGED (NEW)")]
    public void EveryPrefix_IsRefusedWithAReason(string criteria)
    {
        var tokens = Tokens(criteria);
        Assert.Null(SearchParser.TryParse(tokens, out _, out _));
        for (var count = 0; count < tokens.Count; count++)
        {
            var error = SearchParser.TryParse(tokens.Take(count).ToList(), out var request, out _);
            Assert.Null(request);
            Assert.False(string.IsNullOrEmpty(error), $"{count} tokens");
        }
    }

    [Theory]
    [InlineData("", "SEARCH needs a key")]
    [InlineData("NOT", "Expected a search key")]
    [InlineData("OR SEEN", "Expected a search key")]
    [InlineData("FROB", "Unknown search key FROB")]
    [InlineData("0", "Unknown search key 0")]
    [InlineData("()", "Empty list")]
    [InlineData("FROM", "Expected a string")]
    [InlineData("FROM (a)", "Expected a string")]
    [InlineData("KEYWORD", "KEYWORD takes a flag")]
    [InlineData("KEYWORD \"x\"", "KEYWORD takes a flag")]
    [InlineData("UNKEYWORD (x)", "UNKEYWORD takes a flag")]
    [InlineData("UID", "UID takes a set")]
    [InlineData("UID 0", "UID takes a set")]
    [InlineData("HEADER X", "HEADER takes a field and a value")]
    [InlineData("BEFORE 2026-06-01", "Expected a date (dd-Mon-yyyy)")]
    [InlineData("SINCE 31-Feb-2026", "Expected a date (dd-Mon-yyyy)")]
    [InlineData("LARGER -1", "LARGER takes a number")]
    [InlineData("SMALLER 4294967296", "SMALLER takes a number")]
    [InlineData("MODSEQ x", "MODSEQ takes a number")]
    [InlineData("MODSEQ \"/flags/x\" mine 5", "MODSEQ takes \"/flags/<flag>\" priv|shared|all before the number")]
    [InlineData("RETURN MIN ALL", "RETURN takes a list")]
    [InlineData("RETURN (PARTIAL) ALL", "Unknown RETURN option")]
    [InlineData("CHARSET", "CHARSET takes a name")]
    [InlineData("CHARSET (UTF-8) ALL", "CHARSET takes a name")]
    public void RefusesWithAReason(string criteria, string reason)
    {
        Assert.Equal(reason, SearchParser.TryParse(Tokens(criteria), out var request, out var badCharset));
        Assert.Null(request);
        Assert.False(badCharset);
    }

    [Fact]
    public void AnOpenListWithoutItsEnd_IsUnbalanced()
    {
        // The tokenizer refuses unbalanced input first; the parser is still safe on a cut token list.
        var tokens = Tokens("(SEEN)");
        Assert.Equal("Unbalanced parentheses", SearchParser.TryParse(tokens.Take(1).ToList(), out _, out _));
        Assert.Equal("Unbalanced parentheses", SearchParser.TryParse(tokens.Take(2).ToList(), out _, out _));
    }

    [Theory]
    [InlineData("CHARSET KOI8-R ALL")]
    [InlineData("RETURN (COUNT) CHARSET ISO-8859-1 FROM x")]
    public void AnUnknownCharset_IsBadCharset(string criteria)
    {
        Assert.NotNull(SearchParser.TryParse(Tokens(criteria), out var request, out var badCharset));
        Assert.Null(request);
        Assert.True(badCharset);
    }

    [Fact]
    public void NestingIsBounded()
    {
        var deep = string.Concat(Enumerable.Repeat("NOT ", SearchEvaluator.MaxDepth)) + "SEEN";
        Assert.Equal("Search too deeply nested", SearchParser.TryParse(Tokens(deep), out _, out _));
        var fits = string.Concat(Enumerable.Repeat("NOT ", SearchEvaluator.MaxDepth - 1)) + "SEEN";
        Assert.Null(SearchParser.TryParse(Tokens(fits), out _, out _));
        var parens = new string('(', SearchEvaluator.MaxDepth) + "SEEN" + new string(')', SearchEvaluator.MaxDepth);
        Assert.Equal("Search too deeply nested", SearchParser.TryParse(Tokens(parens), out _, out _));
    }

    private static List<ImapToken> Tokens(string criteria) => Segments.Arguments("SEARCH", criteria);

    private static string Describe(SearchKey key) => key switch
    {
        AllKey => "ALL",
        AndKey and => "(AND " + string.Join(' ', and.Keys.Select(Describe)) + ")",
        OrKey or => $"(OR {Describe(or.Left)} {Describe(or.Right)})",
        NotKey not => $"(NOT {Describe(not.Key)})",
        FlagKey flag => (flag.Set ? "+" : "-") + flag.Flag,
        RecentKey recent => recent.Recent ? "RECENT" : "OLD",
        NewKey => "NEW",
        KeywordKey keyword => (keyword.Has ? "KEYWORD:" : "UNKEYWORD:") + keyword.Keyword,
        SequenceKey sequence => (sequence.Uid ? "UID[" : "SEQ[") + string.Join(',', sequence.Set.Ranges(100).Select(r => $"{r.First}-{r.Last}")) + "]",
        AddressKey address => address.Field + ":" + address.Value,
        SubjectKey subject => "SUBJECT:" + subject.Value,
        HeaderKey header => $"HEADER:{header.Field}:{header.Value}",
        BodyKey body => "BODY:" + body.Value,
        TextKey text => "TEXT:" + text.Value,
        DateKey date => date.Comparison + ":" + date.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (date.SentDate ? ":sent" : string.Empty),
        SizeKey size => (size.Larger ? "LARGER:" : "SMALLER:") + size.Size.ToString(CultureInfo.InvariantCulture),
        ModSeqKey modSeq => "MODSEQ:" + modSeq.ModSeq.ToString(CultureInfo.InvariantCulture),
        _ => key.GetType().Name,
    };
}
