using ServerlessMail.Core;

namespace ServerlessMail.Imap.Tests;

/// <summary>CLOSE, UNSELECT, UID EXPUNGE and EXAMINE, and APPEND over an inbox's storage quota.</summary>
public sealed class MailboxStateTests
{
    [Fact]
    public async Task Close_ExpungesDeletedSilently_WhenReadWrite()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(3);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");
        await client.CommandAsync("b STORE 1,3 +FLAGS.SILENT (\\Deleted)", "b OK");

        // RFC 3501 §6.4.2: no untagged EXPUNGE, and the session is back in the authenticated state.
        Assert.Equal(["c OK CLOSE completed"], await client.CommandAsync("c CLOSE", "c OK"));
        Assert.Equal(1, (await world.FolderAsync(world.Alice, "INBOX")).Total);
        await client.CommandAsync("d FETCH 1 FLAGS", "d BAD Not allowed in this state");
        await client.CommandAsync("e CLOSE", "e BAD");
    }

    [Fact]
    public async Task Close_AfterExamine_AndUnselect_ExpungeNothing()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(3, MessageFlags.Deleted);
        await using var client = await world.LoginAsync();
        var examine = await client.CommandAsync("a EXAMINE INBOX", "a OK [READ-ONLY] EXAMINE completed");
        Assert.Contains("* 0 RECENT", examine);
        await client.CommandAsync("b STORE 1 +FLAGS (\\Seen)", "b NO [READ-ONLY]");
        await client.CommandAsync("c EXPUNGE", "c NO [READ-ONLY]");
        Assert.Single(await client.CommandAsync("d FETCH 1 BODY[]", "d OK"), l => !l.Contains("\\Seen", StringComparison.Ordinal) && l.StartsWith('*'));
        await client.CommandAsync("e CLOSE", "e OK");
        Assert.Equal(3, (await world.FolderAsync(world.Alice, "INBOX")).Total);

        await client.CommandAsync("f SELECT INBOX", "f OK [READ-WRITE]");
        Assert.Equal(["g OK UNSELECT completed"], await client.CommandAsync("g UNSELECT", "g OK"));
        Assert.Equal(3, (await world.FolderAsync(world.Alice, "INBOX")).Total);
        await client.CommandAsync("h UNSELECT", "h BAD");
    }

    [Fact]
    public async Task Close_WithATokenThatMayNotDelete_KeepsTheMessages()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(3, MessageFlags.Deleted);
        await using var client = await world.LoginAsync(world.AliceReadToken);
        await client.CommandAsync("a SELECT INBOX", "a OK [READ-WRITE]");
        await client.CommandAsync("b CLOSE", "b OK");
        Assert.Equal(3, (await world.FolderAsync(world.Alice, "INBOX")).Total);
    }

    [Fact]
    public async Task UidExpunge_RemovesOnlyTheNamedDeletedMessages()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(3, MessageFlags.Deleted);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");
        Assert.Equal(["* 2 EXPUNGE", "b OK UID EXPUNGE completed"], await client.CommandAsync("b UID EXPUNGE 2:2", "b OK"));
        Assert.Equal(["* 2 EXPUNGE", "* 1 EXPUNGE", "c OK UID EXPUNGE completed"], await client.CommandAsync("c UID EXPUNGE 1:*", "c OK"));
        Assert.Equal(0, (await world.FolderAsync(world.Alice, "INBOX")).Total);
        await client.CommandAsync("d UID EXPUNGE", "d BAD");
        await client.CommandAsync("e UID EXPUNGE x", "e BAD");
    }

    [Fact]
    public async Task UidExpunge_SkipsMessagesWithoutDeleted()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(3);
        await using var client = await world.LoginAsync();
        await client.CommandAsync("a SELECT INBOX", "a OK");
        await client.CommandAsync("b STORE 3 +FLAGS.SILENT (\\Deleted)", "b OK");
        Assert.Equal(["* 3 EXPUNGE", "c OK UID EXPUNGE completed"], await client.CommandAsync("c UID EXPUNGE 1:*", "c OK"));
    }

    [Fact]
    public async Task Append_OverTheInboxStorageQuota_IsOverQuota()
    {
        await using var world = await ImapWorld.CreateAsync();
        await world.Store.UpdateInboxAsync(world.Alice with { Limits = new QuotaLimits(null, null, StoredBytes: 1500) });
        await using var client = await world.LoginAsync();
        var small = ImapWorld.Message("Fits", body: new string('a', 500));
        await client.SendAsync($"a APPEND INBOX {{{small.Length}+}}\r\n{small}\r\n");
        await client.ReadUntilTaggedAsync("a", "a OK [APPENDUID ");
        var large = ImapWorld.Message("Too much", body: new string('b', 1200));
        await client.SendAsync($"b APPEND INBOX {{{large.Length}+}}\r\n{large}\r\n");
        await client.ReadUntilTaggedAsync("b", "b NO [OVERQUOTA]");
        Assert.Equal(1, (await world.FolderAsync(world.Alice, "INBOX")).Total);
    }
}
