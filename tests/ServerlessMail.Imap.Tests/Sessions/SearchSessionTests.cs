namespace ServerlessMail.Imap.Tests;

/// <summary>SEARCH and UID SEARCH transcripts for every RFC 3501 §6.4.4 key, ESEARCH (RFC 4731) and MODSEQ (RFC 7162).</summary>
public sealed class SearchSessionTests(SearchMailbox mailbox) : IClassFixture<SearchMailbox>
{
    [Theory]
    [InlineData("ALL", "1 2 3 4")]
    [InlineData("SEEN", "1")]
    [InlineData("UNSEEN", "2 3 4")]
    [InlineData("FLAGGED", "2")]
    [InlineData("UNFLAGGED", "1 3 4")]
    [InlineData("ANSWERED", "1")]
    [InlineData("UNANSWERED", "2 3 4")]
    [InlineData("DELETED", "3")]
    [InlineData("UNDELETED", "1 2 4")]
    [InlineData("DRAFT", "2")]
    [InlineData("UNDRAFT", "1 3 4")]
    [InlineData("RECENT", "4")]
    [InlineData("OLD", "1 2 3")]
    [InlineData("NEW", "4")]
    [InlineData("KEYWORD $Work", "1")]
    [InlineData("keyword $work", "1")]
    [InlineData("UNKEYWORD $Work", "2 3 4")]
    [InlineData("2:3", "2 3")]
    [InlineData("3:*", "3 4")]
    [InlineData("*", "4")]
    [InlineData("1,4", "1 4")]
    [InlineData("UID 3:*", "3 4")]
    [InlineData("UID 9:*", "4")]
    [InlineData("FROM carol", "1 3")]
    [InlineData("FROM DAVE", "2")]
    [InlineData("FROM \"<carol@\"", "1 3")]
    [InlineData("TO bob", "3")]
    [InlineData("CC erin", "1")]
    [InlineData("BCC frank", "2")]
    [InlineData("SUBJECT lunch", "3")]
    [InlineData("SUBJECT \"report\"", "1")]
    [InlineData("SUBJECT \"rfe fertig\"", "2")]
    [InlineData("BODY numbers", "1")]
    [InlineData("BODY Quarterly", "")]
    [InlineData("BODY lunch", "2")]
    [InlineData("TEXT Quarterly", "1")]
    [InlineData("TEXT numbers", "1")]
    [InlineData("TEXT x-priority", "1")]
    [InlineData("HEADER X-Priority 1", "1")]
    [InlineData("HEADER X-Priority \"\"", "1")]
    [InlineData("HEADER Message-ID \"\"", "1 2 3 4")]
    [InlineData("HEADER Message-ID q2", "2")]
    [InlineData("BEFORE 16-Jun-2026", "1")]
    [InlineData("ON 16-Jun-2026", "2")]
    [InlineData("SINCE 16-Jun-2026", "2 3 4")]
    [InlineData("SINCE 1-Jul-2026 BEFORE 2-Jul-2026", "3")]
    [InlineData("SENTBEFORE 15-Jun-2026", "1")]
    [InlineData("SENTON 15-Jun-2026", "2")]
    [InlineData("SENTSINCE 15-Jun-2026", "2 3 4")]
    [InlineData("SENTSINCE 1-Jul-2026", "4")]
    [InlineData("LARGER 2000", "3")]
    [InlineData("SMALLER 2000", "1 2 4")]
    [InlineData("NOT SEEN", "2 3 4")]
    [InlineData("NOT FROM carol", "2 4")]
    [InlineData("OR SEEN FLAGGED", "1 2")]
    [InlineData("OR FROM dave TO bob", "2 3")]
    [InlineData("(FROM carol UNDELETED)", "1")]
    [InlineData("OR (FROM carol DELETED) FLAGGED", "2 3")]
    [InlineData("NOT (OR SEEN FLAGGED)", "3 4")]
    [InlineData("UNDELETED FROM carol", "1")]
    [InlineData("CHARSET UTF-8 FROM carol", "1 3")]
    [InlineData("CHARSET US-ASCII NOT DELETED", "1 2 4")]
    [InlineData("FROM nobody", "")]
    public async Task Search_AnswersEachKey(string criteria, string expected)
    {
        var lines = await mailbox.Client.CommandAsync("t SEARCH " + criteria, "t OK SEARCH completed");
        Assert.Equal(("* SEARCH " + expected).TrimEnd(), Assert.Single(lines, l => l.StartsWith("* SEARCH", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("ALL", "1 2 3 4")]
    [InlineData("2:3", "2 3")]
    [InlineData("UID 1,3", "1 3")]
    [InlineData("FROM carol", "1 3")]
    public async Task UidSearch_AnswersUids(string criteria, string expected)
    {
        var lines = await mailbox.Client.CommandAsync("u UID SEARCH " + criteria, "u OK UID SEARCH completed");
        Assert.Equal("* SEARCH " + expected, lines[0]);
    }

    [Fact]
    public async Task Search_WithAUtf8Literal_MatchesTheDecodedSubject()
    {
        await mailbox.Client.SendAsync("v SEARCH CHARSET UTF-8 SUBJECT {9+}\r\nEntwürfe\r\n");
        var lines = await mailbox.Client.ReadUntilTaggedAsync("v", "v OK");
        Assert.Equal("* SEARCH 2", lines[0]);
        await mailbox.Client.SendAsync("w SEARCH CHARSET UTF-8 SUBJECT {9}\r\n");
        await mailbox.Client.ExpectLineAsync("+ ");
        await mailbox.Client.SendAsync("ENTWÜRFE\r\n");
        Assert.Equal("* SEARCH 2", (await mailbox.Client.ReadUntilTaggedAsync("w", "w OK"))[0]);
    }

    [Fact]
    public async Task Search_WithAnUnknownCharset_IsBadCharset()
    {
        var lines = await mailbox.Client.CommandAsync("x SEARCH CHARSET KOI8-R FROM carol", "x NO [BADCHARSET (UTF-8 US-ASCII)]");
        Assert.Single(lines);
    }

    [Theory]
    [InlineData("SEARCH RETURN (MIN MAX COUNT ALL) UNSEEN", "* ESEARCH (TAG \"e\") MIN 2 MAX 4 COUNT 3 ALL 2:4")]
    [InlineData("SEARCH RETURN (ALL) OR SEEN DELETED", "* ESEARCH (TAG \"e\") ALL 1,3")]
    [InlineData("SEARCH RETURN () NOT DELETED", "* ESEARCH (TAG \"e\") ALL 1:2,4")]
    [InlineData("SEARCH RETURN (COUNT) FROM nobody", "* ESEARCH (TAG \"e\") COUNT 0")]
    [InlineData("SEARCH RETURN (MIN MAX ALL) FROM nobody", "* ESEARCH (TAG \"e\")")]
    [InlineData("UID SEARCH RETURN (MAX COUNT) FROM carol", "* ESEARCH (TAG \"e\") UID MAX 3 COUNT 2")]
    [InlineData("SEARCH RETURN (MIN) CHARSET UTF-8 SUBJECT lunch", "* ESEARCH (TAG \"e\") MIN 3")]
    public async Task Esearch_ReturnsTheAskedResults(string command, string expected)
    {
        var lines = await mailbox.Client.CommandAsync("e " + command, "e OK");
        Assert.Equal(expected, lines[0]);
    }

    [Fact]
    public async Task SearchModSeq_GivesTheHighestModSeqOfTheMatches()
    {
        var inbox = await mailbox.World.FolderAsync(mailbox.World.Alice, "INBOX");
        var modSeqs = new List<ulong>();
        for (uint uid = 1; uid <= 4; uid++)
        {
            modSeqs.Add((await mailbox.World.Store.GetMessageByUidAsync(inbox.Id, uid))!.ModSeq);
        }

        var threshold = modSeqs[2];
        var lines = await mailbox.Client.CommandAsync($"m SEARCH MODSEQ {threshold}", "m OK");
        Assert.Equal($"* SEARCH 3 4 (MODSEQ {modSeqs.Max()})", lines[0]);
        lines = await mailbox.Client.CommandAsync($"n SEARCH MODSEQ \"/flags/\\\\draft\" all {modSeqs[3]}", "n OK");
        Assert.Equal($"* SEARCH 4 (MODSEQ {modSeqs[3]})", lines[0]);
        lines = await mailbox.Client.CommandAsync($"o SEARCH RETURN (COUNT) MODSEQ {threshold}", "o OK");
        Assert.Equal($"* ESEARCH (TAG \"o\") COUNT 2 MODSEQ {modSeqs.Max()}", lines[0]);
        Assert.Equal("* SEARCH", (await mailbox.Client.CommandAsync($"p SEARCH MODSEQ {modSeqs.Max() + 1}", "p OK"))[0]);

        // SEARCH MODSEQ enabled CONDSTORE (RFC 7162 §3.1): the FETCH responses of a STORE now carry MODSEQ.
        Assert.Contains("MODSEQ (", (await mailbox.Client.CommandAsync("q STORE 4 +FLAGS ($Tmp)", "q OK"))[0], StringComparison.Ordinal);
        await mailbox.Client.CommandAsync("r STORE 4 -FLAGS.SILENT ($Tmp)", "r OK");
    }

    [Fact]
    public async Task Search_OnFlagsAndEnvelopeFields_ReadsNoBlob_ButBodyDoes()
    {
        var before = mailbox.World.BlobReads.Reads;
        await mailbox.Client.CommandAsync("b1 SEARCH FROM carol SUBJECT lunch TO bob CC x BCC y", "b1 OK");
        await mailbox.Client.CommandAsync("b2 SEARCH SENTSINCE 1-Jan-2020 LARGER 1 UNSEEN HEADER Message-ID q", "b2 OK");
        Assert.Equal(before, mailbox.World.BlobReads.Reads);
        await mailbox.Client.CommandAsync("b3 SEARCH BODY numbers", "b3 OK");
        Assert.Equal(before + 4, mailbox.World.BlobReads.Reads);

        // A cheap key that fails first spares the load: only message 1 is SEEN.
        await mailbox.Client.CommandAsync("b4 SEARCH SEEN BODY numbers", "b4 OK");
        Assert.Equal(before + 5, mailbox.World.BlobReads.Reads);
    }

    [Theory]
    [InlineData("", "SEARCH needs a key")]
    [InlineData("FROB", "Unknown search key FROB")]
    [InlineData("FROM", "Expected a string")]
    [InlineData("(SEEN", "Unbalanced parentheses")]
    [InlineData("()", "Empty list")]
    [InlineData("BEFORE 31-Foo-2026", "Expected a date (dd-Mon-yyyy)")]
    [InlineData("LARGER x", "LARGER takes a number")]
    [InlineData("UID x", "UID takes a set")]
    [InlineData("RETURN (PARTIAL) ALL", "Unknown RETURN option")]
    [InlineData("MODSEQ \"/x\" all 5", "MODSEQ takes \"/flags/<flag>\" priv|shared|all before the number")]
    [InlineData("OR SEEN", "Expected a search key")]
    public async Task BadSearches_AreBadWithAReason(string criteria, string reason)
    {
        var lines = await mailbox.Client.CommandAsync(("z SEARCH " + criteria).TrimEnd(), "z BAD");
        Assert.Equal("z BAD " + reason, lines[^1]);
    }
}
