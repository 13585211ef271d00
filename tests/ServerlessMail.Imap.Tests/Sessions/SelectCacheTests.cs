using ServerlessMail.Core;

namespace ServerlessMail.Imap.Tests;

/// <summary>
/// SELECT answers an unchanged folder from the server's FolderStateCache; every change another session, the SMTP
/// edge or the API makes (flags, expunge, append, move) must show in the next SELECT.
/// </summary>
public sealed class SelectCacheTests
{
    [Fact]
    public async Task Select_AfterChangesMadeBehindTheSession_SeesEachChange()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(3);
        await using var client = await world.LoginAsync();
        var inbox = await world.FolderAsync(world.Alice, "INBOX");
        Assert.Contains("* 3 EXISTS", await client.CommandAsync("a SELECT INBOX", "a OK"));
        Assert.Contains("* 3 EXISTS", await client.CommandAsync("b SELECT INBOX", "b OK"));

        var second = (await world.Store.GetMessageByUidAsync(inbox.Id, 2))!;
        await world.Store.UpdateFlagsAsync(second.Id, FlagChange.Set(MessageFlags.Flagged));
        await client.CommandAsync("c SELECT INBOX", "c OK");
        Assert.Contains("* 2 FETCH (FLAGS (\\Flagged))", await client.CommandAsync("d FETCH 2 FLAGS", "d OK"));

        await world.Store.ExpungeAsync([(await world.Store.GetMessageByUidAsync(inbox.Id, 1))!.Id]);
        var afterExpunge = await client.CommandAsync("e SELECT INBOX", "e OK");
        Assert.Contains("* 2 EXISTS", afterExpunge);
        Assert.Contains("* 1 FETCH (UID 2 FLAGS (\\Flagged))", await client.CommandAsync("f FETCH 1 (UID FLAGS)", "f OK"));

        await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("M4"));
        Assert.Contains("* 3 EXISTS", await client.CommandAsync("g SELECT INBOX", "g OK"));
        Assert.Contains("* 3 FETCH (UID 4)", await client.CommandAsync("h FETCH 3 UID", "h OK"));

        await world.Store.MoveAsync(second.Id, (await world.FolderAsync(world.Alice, "Archive")).Id);
        Assert.Contains("* 2 EXISTS", await client.CommandAsync("i SELECT INBOX", "i OK"));
        Assert.Contains("* 1 EXISTS", await client.CommandAsync("j SELECT Archive", "j OK"));
    }

    [Fact]
    public void Cache_HitsOnlyTheVersionListed_AndStaysWithinItsBound()
    {
        var cache = new FolderStateCache();
        var folder = new Folder("fld_a", "inb_a", "INBOX", SpecialUse.None, 7, 3, 5, 2, 0, 1, true, DateTimeOffset.UnixEpoch);
        MessageState[] states = [new(1, "msg_1", MessageFlags.None, [], 4), new(2, "msg_2", MessageFlags.Seen, [], 5)];
        cache.Add(folder, states);

        Assert.Equal(states, cache.Find(folder));
        cache.Find(folder)!.Clear();
        Assert.Equal(states, cache.Find(folder));
        Assert.Null(cache.Find(folder with { HighestModSeq = 6 }));
        Assert.Null(cache.Find(folder with { UidNext = 4 }));
        Assert.Null(cache.Find(folder with { UidValidity = 8 }));
        Assert.Null(cache.Find(folder with { Total = 1 }));

        // A folder past the bound is not kept; filling the bound evicts the oldest folders first.
        var huge = folder with { Id = "fld_huge" };
        cache.Add(huge, new MessageState[FolderStateCache.MaxStates + 1]);
        Assert.Null(cache.Find(huge));
        var big = folder with { Id = "fld_big" };
        cache.Add(big, new MessageState[FolderStateCache.MaxStates - 1]);
        Assert.Null(cache.Find(folder));
        Assert.Equal(FolderStateCache.MaxStates - 1, cache.Find(big)!.Count);
    }
}
