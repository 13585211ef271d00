using System.Text;
using ServerlessMail.Core;
using ServerlessMail.Imap.Rendering;
using ServerlessMail.Imap.Tests.Rendering;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Tests;

/// <summary>
/// The server's cache of what never changes about a message (MessageCache): its bound, its two generations, and
/// what sessions see through it: the same bytes as an uncached FETCH, the flags of the session's map, and RFC 2180
/// §4.1.2 data for a message another session expunged after this one read it.
/// </summary>
public sealed class MessageCacheTests
{
    private const int Count = 300;

    [Fact]
    public void Add_ThenFind_GivesTheSameEntry_AndFindIsAllOrNothing()
    {
        var cache = new MessageCache();
        var one = cache.Add(Content("m1", 1));
        var two = cache.Add(Content("m2", 2));
        Assert.Same(one, cache.Add(Content("m1", 1)));

        var found = new CachedMessage[2];
        Assert.True(cache.TryFindAll([State("m1", 1), State("m2", 2)], found));
        Assert.Same(one, found[0]);
        Assert.Same(two, found[1]);
        Assert.False(cache.TryFindAll([State("m1", 1), State("m3", 3)], found));
    }

    [Fact]
    public void Entries_StayWithinTheCapacity_AndWhatIsUsedStays()
    {
        var charge = new CachedMessage(Content("probe", 1)).Charge;
        var cache = new MessageCache(charge * 10);
        var kept = cache.Add(Content("kept", 1));
        for (var i = 0; i < 100; i++)
        {
            cache.Add(Content("m" + i, (uint)i + 2));

            // Used between additions, as a session's FETCH uses what it reads: it moves to the newer generation.
            Assert.True(cache.TryFindAll([State("kept", 1)], new CachedMessage[1]));
            Assert.InRange(cache.Count, 1, 10);
        }

        var found = new CachedMessage[1];
        Assert.True(cache.TryFindAll([State("kept", 1)], found));
        Assert.Same(kept, found[0]);
        Assert.False(cache.TryFindAll([State("m0", 2)], found));
    }

    [Fact]
    public void An_Entry_LargerThanAGeneration_IsGivenButNotKept()
    {
        var cache = new MessageCache(1024);
        var big = Content("big", 1) with { Structure = new byte[4096] };
        Assert.Equal("big", cache.Add(big).MessageId);
        Assert.Equal(0, cache.Count);
    }

    public static TheoryData<string> CorpusNames()
    {
        var names = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.GetDirectoryName(Render.RawPath("x"))!, "*.eml").Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileNameWithoutExtension(path));
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public void Rendered_Parts_AreTheWritersBytes_AndTheChargeCoversThem(string name)
    {
        var structure = MimeStructureCodec.Serialize(MimeParser.Parse(Render.Raw(name)));
        var stored = Render.Stored(name);
        var entry = new CachedMessage(Content("m1", 1) with { Structure = structure });
        MimeMessage? decoded = null;
        Assert.Equal(Render.ToText(o => EnvelopeWriter.Write(o, stored.Root)), Encoding.UTF8.GetString(entry.Envelope(ref decoded)));
        Assert.Equal(Render.ToText(o => BodyStructureWriter.Write(o, stored.Root, true)), Encoding.UTF8.GetString(entry.BodyStructure(true, ref decoded)));
        Assert.Equal(Render.ToText(o => BodyStructureWriter.Write(o, stored.Root, false)), Encoding.UTF8.GetString(entry.BodyStructure(false, ref decoded)));

        // The charge grows by what is rendered, as the entry holds it from then on.
        var fresh = new CachedMessage(Content("m2", 2) with { Structure = structure });
        var before = fresh.Charge;
        MimeMessage? none = null;
        var rendered = fresh.Envelope(ref none).Length + fresh.BodyStructure(true, ref none).Length + fresh.BodyStructure(false, ref none).Length;
        Assert.Equal(before + rendered, fresh.Charge);
    }

    [Fact]
    public async Task A_Second_Fetch_GivesTheSameBytes_FromTheCache()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(Count);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");

        var first = await client.CommandAsync("b FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE BODY)", "b OK");
        Assert.Equal(Count, world.Services.Messages.Count);
        var second = await client.CommandAsync("c FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE BODY)", "c OK");
        Assert.Equal(first.SkipLast(1), second.SkipLast(1));
        Assert.Equal(Count, first.Count(l => l.Contains(" ENVELOPE (", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Cached_Messages_TakeTheirFlagsFromTheSessionsMap()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(Count);
        await using var client = await world.LoginAsync();
        await using var other = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");
        await other.CommandAsync("a SELECT INBOX", "a OK");
        await client.CommandAsync("b FETCH 1:* ENVELOPE", "b OK");

        await other.CommandAsync("b STORE 7 +FLAGS (\\Flagged)", "b OK");
        await client.CommandAsync("c NOOP", "c OK");
        Assert.Equal(["* SEARCH 7", "d OK SEARCH completed"], await client.CommandAsync("d SEARCH FLAGGED SUBJECT M7", "d OK"));
        var lines = await client.CommandAsync("e FETCH 7 (FLAGS ENVELOPE)", "e OK");
        Assert.Contains(lines, l => l.StartsWith("* 7 FETCH (FLAGS (\\Flagged \\Recent) ENVELOPE (\"Fri, 04 Dec 2026 10:00:00 +0000\" \"M7\" ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Message_ExpungedAfterThisSessionReadIt_IsStillGiven_ThenReportedExpunged()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(Count);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");
        await client.CommandAsync("b FETCH 1:* ENVELOPE", "b OK");

        var inbox = await world.FolderAsync(world.Alice, "INBOX");
        await world.Store.ExpungeAsync([(await world.Store.GetMessageByUidAsync(inbox.Id, 9))!.Id]);

        // RFC 2180 §4.1.2: its content never changes, so the data is given; the EXPUNGE follows at the sync point.
        Assert.Contains(await client.CommandAsync("c FETCH 9 ENVELOPE", "c OK"), l => l.StartsWith("* 9 FETCH (ENVELOPE (", StringComparison.Ordinal));
        Assert.Contains("* 9 EXPUNGE", await client.CommandAsync("d NOOP", "d OK"));
    }

    private static MessageContent Content(string id, uint uid) =>
        new(id, uid, MessageFlags.None, [], DateTimeOffset.UnixEpoch, 100, 1, "blob/" + id, new byte[64]);

    private static MessageState State(string id, uint uid) => new(uid, id, MessageFlags.None, [], 1);
}
