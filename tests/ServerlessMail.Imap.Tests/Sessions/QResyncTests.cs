using System.Globalization;

namespace ServerlessMail.Imap.Tests;

/// <summary>RFC 7162 QRESYNC: ENABLE, VANISHED instead of EXPUNGE, SELECT (QRESYNC …), UID FETCH (CHANGEDSINCE n VANISHED).</summary>
public sealed class QResyncTests
{
    [Fact]
    public async Task Enabled_ExpungesAreVanished_ForOwnAndOtherSessionsChanges()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(4);
        await using var client = await world.LoginAsync();
        Assert.Contains(" QRESYNC", (await client.CommandAsync("a CAPABILITY", "a OK"))[0], StringComparison.Ordinal);
        Assert.Equal("* ENABLED QRESYNC", (await client.CommandAsync("b ENABLE QRESYNC", "b OK"))[0]);
        await client.CommandAsync("c SELECT INBOX", "c OK");
        await client.CommandAsync("d STORE 1,2 +FLAGS.SILENT (\\Deleted)", "d OK");
        Assert.Equal(["* VANISHED 1:2", "e OK EXPUNGE completed"], await client.CommandAsync("e EXPUNGE", "e OK"));
        var move = await client.CommandAsync("f UID MOVE 4 Trash", "f OK");
        Assert.StartsWith("* OK [COPYUID ", move[0], StringComparison.Ordinal);
        Assert.Equal("* VANISHED 4", move[1]);

        await using var other = await world.LoginAsync();
        await other.CommandAsync("a SELECT INBOX", "a OK");
        await other.CommandAsync("b STORE 1 +FLAGS.SILENT (\\Deleted)", "b OK");
        Assert.Equal(["* 1 EXPUNGE", "c OK EXPUNGE completed"], await other.CommandAsync("c EXPUNGE", "c OK"));
        Assert.Equal(["* VANISHED 3", "g OK NOOP completed"], await client.CommandAsync("g NOOP", "g OK"));
    }

    [Fact]
    public async Task SelectWithQResync_ReportsWhatTheClientMissed()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(4);
        string uidValidity;
        ulong highest;
        await using (var first = await world.LoginAsync())
        {
            var select = await first.CommandAsync("a SELECT INBOX (CONDSTORE)", "a OK");
            uidValidity = Code(select, "UIDVALIDITY");
            highest = ulong.Parse(Code(select, "HIGHESTMODSEQ"), CultureInfo.InvariantCulture);
            await first.CommandAsync("b STORE 2 +FLAGS.SILENT (\\Flagged)", "b OK");
            await first.CommandAsync("c STORE 3 +FLAGS.SILENT (\\Deleted)", "c OK");
            await first.CommandAsync("d UID EXPUNGE 3", "d OK");
        }

        await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("Five"));
        await using var client = await world.LoginAsync();
        await client.CommandAsync($"a SELECT INBOX (QRESYNC ({uidValidity} {highest}))", "a BAD ENABLE QRESYNC first");
        await client.CommandAsync("b ENABLE QRESYNC", "b OK");

        var resync = await client.CommandAsync($"c SELECT INBOX (QRESYNC ({uidValidity} {highest}))", "c OK [READ-WRITE]");
        var vanished = resync.IndexOf("* VANISHED (EARLIER) 3");
        Assert.True(vanished > resync.FindIndex(l => l.StartsWith("* OK [HIGHESTMODSEQ ", StringComparison.Ordinal)), string.Join(" | ", resync));
        var fetches = resync.Where(l => l.Contains(" FETCH ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, fetches.Count);
        Assert.Matches(@"^\* 2 FETCH \(FLAGS \(\\Flagged\) UID 2 MODSEQ \(\d+\)\)$", fetches[0]);
        Assert.Matches(@"^\* 4 FETCH \(FLAGS \(\\Recent\) UID 5 MODSEQ \(\d+\)\)$", fetches[1]);

        // Known UIDs narrow the report; [CLOSED] separates the mailbox left from the one selected.
        var narrow = await client.CommandAsync($"d EXAMINE INBOX (QRESYNC ({uidValidity} {highest} 1:2))", "d OK [READ-ONLY]");
        Assert.Equal("* OK [CLOSED] Previous mailbox closed", narrow[0]);
        Assert.DoesNotContain(narrow, l => l.StartsWith("* VANISHED", StringComparison.Ordinal));
        Assert.Single(narrow, l => l.Contains(" FETCH ", StringComparison.Ordinal));
        var withSeqMatch = await client.CommandAsync($"e SELECT INBOX (QRESYNC ({uidValidity} {highest} 1:5 (1:3 1:3)))", "e OK");
        Assert.Contains("* VANISHED (EARLIER) 3", withSeqMatch);

        // Another UIDVALIDITY: the client's cache is stale, nothing is reported as changed.
        var stale = await client.CommandAsync($"f SELECT INBOX (QRESYNC (1 {highest}))", "f OK");
        Assert.DoesNotContain(stale, l => l.StartsWith("* VANISHED", StringComparison.Ordinal) || l.Contains(" FETCH ", StringComparison.Ordinal));

        var changed = await client.CommandAsync($"g UID FETCH 1:* (FLAGS) (CHANGEDSINCE {highest} VANISHED)", "g OK");
        Assert.Equal("* VANISHED (EARLIER) 3", changed[0]);
        Assert.Matches(@"^\* 2 FETCH \(UID 2 FLAGS \(\\Flagged\) MODSEQ \(\d+\)\)$", changed[1]);
        Assert.Matches(@"^\* 4 FETCH \(UID 5 FLAGS \(\) MODSEQ \(\d+\)\)$", changed[2]);
        Assert.Equal(4, changed.Count);
        Assert.Equal(["h OK UID FETCH completed"], await client.CommandAsync($"h UID FETCH 4:* (FLAGS) (VANISHED CHANGEDSINCE {highest + 100})", "h OK"));
    }

    private static string Code(List<string> lines, string code) =>
        lines.Single(l => l.StartsWith("* OK [" + code + " ", StringComparison.Ordinal)).Split(' ', ']')[3];
}
