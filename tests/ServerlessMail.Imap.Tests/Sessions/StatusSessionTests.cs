using System.Globalization;
using System.Text.RegularExpressions;
using ServerlessMail.Core;

namespace ServerlessMail.Imap.Tests;

/// <summary>
/// STATUS's items beyond the folder counters: SIZE (RFC 8438), the sum of the messages' RFC822.SIZE whether the
/// sizes come from the store or the server's message cache, and DELETED (RFC 9051 §6.3.11), which must follow flag
/// changes made behind the session.
/// </summary>
public sealed partial class StatusSessionTests
{
    [Fact]
    public async Task Size_IsTheSumOfRfc822Size_AcrossRuns_FromTheStoreAndFromTheCache()
    {
        await using var world = await ImapWorld.CreateAsync();
        for (var i = 1; i <= MessageBatches.RunLength + 20; i++)
        {
            await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("M" + i, body: new string('x', i * 7)));
        }

        await using var client = await world.LoginAsync();
        Assert.Equal(0, world.Services.Messages.Count);
        var cold = await client.CommandAsync("a STATUS INBOX (SIZE MESSAGES)", "a OK STATUS completed");

        await client.CommandAsync("b EXAMINE INBOX", "b OK");
        var fetched = await client.CommandAsync("c FETCH 1:* RFC822.SIZE", "c OK");
        var sum = fetched.Select(l => Rfc822Size().Match(l)).Where(m => m.Success).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.True(world.Services.Messages.Count >= MessageBatches.RunLength + 20);
        var warm = await client.CommandAsync("d STATUS INBOX (SIZE)", "d OK");

        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"* STATUS \"INBOX\" (SIZE {sum} MESSAGES {MessageBatches.RunLength + 20})"), cold[0]);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"* STATUS \"INBOX\" (SIZE {sum})"), warm[0]);
    }

    [Fact]
    public async Task SizeAndDeleted_OfAnEmptyFolder_AreZero_AndEveryItemCanBeAskedAtOnce()
    {
        await using var world = await ImapWorld.CreateAsync();
        await using var client = await world.LoginAsync();
        var drafts = await world.FolderAsync(world.Alice, "Drafts");
        var status = await client.CommandAsync("a STATUS Drafts (messages recent uidnext uidvalidity unseen highestmodseq size deleted)", "a OK");
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"* STATUS \"Drafts\" (MESSAGES 0 RECENT 0 UIDNEXT 1 UIDVALIDITY {drafts.UidValidity} UNSEEN 0 HIGHESTMODSEQ 0 SIZE 0 DELETED 0)"),
            status[0]);
    }

    [Fact]
    public async Task Deleted_CountsTheDeletedFlag_AndFollowsChangesMadeElsewhere()
    {
        await using var world = await ImapWorld.CreateWithMessagesAsync(4);
        await world.AppendAsync(world.Alice, "INBOX", ImapWorld.Message("Gone"), MessageFlags.Deleted | MessageFlags.Seen);
        await using var client = await world.LoginAsync();
        Assert.Equal("* STATUS \"INBOX\" (DELETED 1 MESSAGES 5 UNSEEN 4)", (await client.CommandAsync("a STATUS INBOX (DELETED MESSAGES UNSEEN)", "a OK"))[0]);

        // SELECT fills the server's state cache; a change by another session must still show.
        await client.CommandAsync("b SELECT INBOX", "b OK");
        await using var other = await world.LoginAsync();
        await other.CommandAsync("c SELECT INBOX", "c OK");
        await other.CommandAsync("d STORE 1:2 +FLAGS.SILENT (\\Deleted)", "d OK");
        Assert.Equal("* STATUS \"INBOX\" (DELETED 3)", (await client.CommandAsync("e STATUS INBOX (DELETED)", "e OK"))[0]);

        var inbox = await world.FolderAsync(world.Alice, "INBOX");
        await world.Store.UpdateFlagsAsync((await world.Store.GetMessageByUidAsync(inbox.Id, 5))!.Id, FlagChange.Clear(MessageFlags.Deleted));
        Assert.Equal("* STATUS \"INBOX\" (DELETED 2 RECENT 0)", (await client.CommandAsync("f STATUS INBOX (DELETED RECENT)", "f OK"))[0]);
    }

    [GeneratedRegex(@"RFC822\.SIZE (\d+)\)")]
    private static partial Regex Rfc822Size();
}
