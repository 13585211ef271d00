using System.Globalization;

namespace ServerlessMail.Imap.Tests;

/// <summary>
/// FETCH and SEARCH read stored rows in runs of consecutive messages (MessageBatches): answers across run
/// boundaries, sparse and reversed sets, and messages another session expunged after this one selected.
/// </summary>
public sealed class FetchBatchTests
{
    private const int Count = 600;

    [Fact]
    public async Task Fetch_AcrossRuns_AnswersEveryMessageOnceInOrder_AndSkipsOnesExpungedMeanwhile()
    {
        await using var world = await CreateAsync();
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");

        // Another session expunges UIDs 5, 250, 251 and 600 (around and at the run edges) after this one selected.
        var inbox = await world.FolderAsync(world.Alice, "INBOX");
        var gone = new uint[] { 5, 250, 251, 600 };
        var ids = new List<string>();
        foreach (var uid in gone)
        {
            ids.Add((await world.Store.GetMessageByUidAsync(inbox.Id, uid))!.Id);
        }

        await world.Store.ExpungeAsync(ids);

        var lines = await client.CommandAsync("b FETCH 1:* (UID RFC822.SIZE)", "b OK FETCH completed");
        var fetched = lines.Where(l => l.Contains(" FETCH (", StringComparison.Ordinal)).ToList();
        var expected = Enumerable.Range(1, Count).Where(n => !gone.Contains((uint)n)).ToList();
        Assert.Equal(expected.Select(n => $"* {n} FETCH (UID {n} RFC822.SIZE "), fetched.Select(l => l[..l.LastIndexOf(' ')] + " "));

        // RFC 3501 §7.4.1: the EXPUNGEs come after the command, highest first so the numbers stay right.
        var expunges = await client.CommandAsync("c NOOP", "c OK");
        Assert.Equal(["* 600 EXPUNGE", "* 251 EXPUNGE", "* 250 EXPUNGE", "* 5 EXPUNGE"], expunges.Where(l => l.EndsWith(" EXPUNGE", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Fetch_SparseAndUidSets_AnswerOnlyTheNamedMessages()
    {
        await using var world = await CreateAsync();
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");

        Assert.Equal(
            ["* 2 FETCH (UID 2 BODY[HEADER.FIELDS (SUBJECT)] {15}", "* 249 FETCH (UID 249 BODY[HEADER.FIELDS (SUBJECT)] {17}",
             "* 250 FETCH (UID 250 BODY[HEADER.FIELDS (SUBJECT)] {17}", "* 251 FETCH (UID 251 BODY[HEADER.FIELDS (SUBJECT)] {17}",
             "* 600 FETCH (UID 600 BODY[HEADER.FIELDS (SUBJECT)] {17}"],
            Starts(await client.CommandAsync("b FETCH 600,249:251,2 (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])", "b OK")));
        Assert.Equal(
            ["* 1 FETCH (UID 1 RFC822.SIZE", "* 300 FETCH (UID 300 RFC822.SIZE", "* 599 FETCH (UID 599 RFC822.SIZE"],
            Starts(await client.CommandAsync("c UID FETCH 1,300,599 RFC822.SIZE", "c OK")));
    }

    [Fact]
    public async Task Search_OnStoredFields_ScansEveryRun()
    {
        await using var world = await CreateAsync();
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");

        // Subjects "M1".."M600": "M25" is in M25 and M250..M259, across the first run's edge.
        var expected = "* SEARCH 25 " + string.Join(' ', Enumerable.Range(250, 10).Select(n => n.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal([expected, "b OK SEARCH completed"], await client.CommandAsync("b SEARCH SUBJECT M25", "b OK"));
        Assert.Equal(["* SEARCH 600", "c OK UID SEARCH completed"], await client.CommandAsync("c UID SEARCH SUBJECT m600 FROM carol", "c OK"));
    }

    private static Task<ImapWorld> CreateAsync() => ImapWorld.CreateWithMessagesAsync(Count);

    // A FETCH line up to its literal's announced length, or without its last value (a size).
    private static List<string> Starts(List<string> lines) =>
        lines.Where(l => l.StartsWith("* ", StringComparison.Ordinal) && l.Contains(" FETCH (", StringComparison.Ordinal))
            .Select(l => l.IndexOf('}', StringComparison.Ordinal) is var brace and >= 0 ? l[..(brace + 1)] : l[..l.LastIndexOf(' ')])
            .ToList();
}
