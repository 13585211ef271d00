using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>IMessageStore: appends, reads, listings, flags, moves, copies, expunges and change feeds.</summary>
public abstract partial class MessageContract : StoreContract
{
    [Fact]
    public async Task AppendAssignsAscendingUidsAndModSeqsAndStoresEveryField()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var stored = new List<StoredMessage>();
        for (var i = 0; i < 4; i++)
        {
            var message = await Harness.PrepareAsync(mailbox, mailbox.InboxFolder, TestMail.Build(subject: $"Message {i}"), keywords: i == 2 ? ["$Work", "Later"] : null, deliveryKey: i == 3 ? "ing_x:inb_y" : null);
            var appended = await Harness.Store.AppendAsync(message);
            MessageAssert.Stored(message, appended);
            MessageAssert.Same(appended, await Harness.Store.GetMessageAsync(message.Id));
            MessageAssert.Same(appended, await Harness.Store.GetMessageByUidAsync(mailbox.InboxFolder.Id, appended.Uid));
            stored.Add(appended);
        }

        Assert.Equal([1u, 2u, 3u, 4u], stored.Select(m => m.Uid));
        Assert.True(stored[0].ModSeq > 0);
        Assert.Equal(stored.Select(m => m.ModSeq).Order(), stored.Select(m => m.ModSeq));
        Assert.Equal(4, stored.Select(m => m.ModSeq).Distinct().Count());
        var folder = await Harness.ReloadAsync(mailbox.InboxFolder);
        Assert.Equal((5u, stored[^1].ModSeq, 4, 4), (folder.UidNext, folder.HighestModSeq, folder.Total, folder.Unseen));
    }

    [Fact]
    public async Task UidsAreCountedPerFolder()
    {
        var mailbox = await Harness.SeedMailboxAsync();

        var first = await Harness.AppendAsync(mailbox);
        var archived = await Harness.AppendAsync(mailbox, mailbox.FolderNamed("Archive"));
        var second = await Harness.AppendAsync(mailbox);

        Assert.Equal((1u, 1u, 2u), (first.Uid, archived.Uid, second.Uid));
        Assert.Equal(archived.Id, (await Harness.Store.GetMessageByUidAsync(mailbox.FolderNamed("Archive").Id, 1))?.Id);
        Assert.Null(await Harness.Store.GetMessageByUidAsync(mailbox.FolderNamed("Archive").Id, 2));
    }

    [Fact]
    public async Task AppendingWithAStoredDeliveryKeyReturnsTheStoredMessageUnchanged()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var message = await Harness.PrepareAsync(mailbox, mailbox.InboxFolder, deliveryKey: "ing_1:" + mailbox.Inbox.Id);
        var first = await Harness.Store.AppendAsync(message);
        var before = await Harness.ReloadAsync(mailbox.InboxFolder);
        var bytes = await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id);

        var replay = await Harness.Store.AppendAsync(message);
        var replayWithNewId = await Harness.Store.AppendAsync(message with { Id = Ids.New(Ids.Message, Harness.Clock) });

        MessageAssert.Same(first, replay);
        MessageAssert.Same(first, replayWithNewId);
        Assert.Equal(before, await Harness.ReloadAsync(mailbox.InboxFolder));
        Assert.Equal(bytes, await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id));
        Assert.Single(await Harness.Store.ListStatesAsync(mailbox.InboxFolder.Id));
    }

    [Fact]
    public async Task DifferentDeliveryKeysAppendDifferentMessages()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var message = await Harness.PrepareAsync(mailbox, mailbox.InboxFolder, deliveryKey: "ing_1:a");

        await Harness.Store.AppendAsync(message);
        await Harness.Store.AppendAsync(message with { Id = Ids.New(Ids.Message, Harness.Clock), DeliveryKey = "ing_2:a" });
        await Harness.Store.AppendAsync(message with { Id = Ids.New(Ids.Message, Harness.Clock), DeliveryKey = null });

        Assert.Equal(3, (await Harness.ReloadAsync(mailbox.InboxFolder)).Total);
    }

    [Fact]
    public async Task StatesListEveryMessageInUidOrderWithFlagsKeywordsAndModSeq()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var a = await Harness.AppendAsync(mailbox, flags: MessageFlags.Seen | MessageFlags.Flagged);
        var b = await Harness.AppendAsync(mailbox, keywords: ["$Label1"]);
        var c = await Harness.AppendAsync(mailbox, flags: MessageFlags.Draft);
        await Harness.AppendAsync(mailbox, mailbox.FolderNamed("Trash"));

        var states = await Harness.Store.ListStatesAsync(mailbox.InboxFolder.Id);

        Assert.Equal([a.Uid, b.Uid, c.Uid], states.Select(s => s.Uid));
        Assert.Equal([a.Id, b.Id, c.Id], states.Select(s => s.MessageId));
        Assert.Equal([a.Flags, b.Flags, c.Flags], states.Select(s => s.Flags));
        Assert.Equal([a.ModSeq, b.ModSeq, c.ModSeq], states.Select(s => s.ModSeq));
        Assert.Equal(["$Label1"], states[1].Keywords);
        Assert.Empty(states[0].Keywords);
    }

    [Fact]
    public async Task CountsStayRightThroughEveryChange()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var inbox = mailbox.InboxFolder;
        var archive = mailbox.FolderNamed("Archive");

        var a = await Harness.AppendAsync(mailbox);
        var b = await Harness.AppendAsync(mailbox, flags: MessageFlags.Seen);
        var c = await Harness.AppendAsync(mailbox);
        await AssertCountsAsync(inbox, total: 3, unseen: 2);

        await Harness.Store.UpdateFlagsAsync(a.Id, FlagChange.Set(MessageFlags.Seen));
        await AssertCountsAsync(inbox, total: 3, unseen: 1);

        // Setting \Seen again, or clearing it where it is not set, changes no count.
        await Harness.Store.UpdateFlagsAsync(a.Id, FlagChange.Set(MessageFlags.Seen | MessageFlags.Flagged));
        await Harness.Store.UpdateFlagsAsync(c.Id, FlagChange.Clear(MessageFlags.Seen));
        await AssertCountsAsync(inbox, total: 3, unseen: 1);

        await Harness.Store.UpdateFlagsAsync(b.Id, FlagChange.Clear(MessageFlags.Seen));
        await AssertCountsAsync(inbox, total: 3, unseen: 2);

        var moved = await Harness.Store.MoveAsync(c.Id, archive.Id);
        await AssertCountsAsync(inbox, total: 2, unseen: 1);
        await AssertCountsAsync(archive, total: 1, unseen: 1);

        await Harness.Store.CopyAsync(a.Id, archive.Id);
        await AssertCountsAsync(inbox, total: 2, unseen: 1);
        await AssertCountsAsync(archive, total: 2, unseen: 1);

        await Harness.Store.UpdateFlagsAsync(moved.Id, new FlagChange(MessageFlags.Seen, MessageFlags.None, [], [], Replace: true));
        await AssertCountsAsync(archive, total: 2, unseen: 0);

        await Harness.Store.ExpungeAsync([b.Id, moved.Id]);
        await AssertCountsAsync(inbox, total: 1, unseen: 0);
        await AssertCountsAsync(archive, total: 1, unseen: 0);

        await Harness.Store.ExpungeAsync([b.Id]);
        await AssertCountsAsync(inbox, total: 1, unseen: 0);
    }

    [Fact]
    public async Task UnknownMessagesReadAsNull()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var message = await Harness.AppendAsync(mailbox);

        Assert.Null(await Harness.Store.GetMessageAsync(Ids.New(Ids.Message, Harness.Clock)));
        Assert.Null(await Harness.Store.GetMessageByUidAsync(mailbox.InboxFolder.Id, message.Uid + 1));
        Assert.Null(await Harness.Store.GetMessageByUidAsync(mailbox.InboxFolder.Id, 0));
        Assert.Null(await Harness.Store.GetMessageByUidAsync(mailbox.FolderNamed("Sent").Id, message.Uid));
    }

    /// <summary>The folder's own counts agree with the expected ones and with its messages' states.</summary>
    private async Task AssertCountsAsync(Folder folder, int total, int unseen)
    {
        var reloaded = await Harness.ReloadAsync(folder);
        var states = await Harness.Store.ListStatesAsync(folder.Id);
        Assert.Equal((total, unseen), (reloaded.Total, reloaded.Unseen));
        Assert.Equal(total, states.Count);
        Assert.Equal(unseen, states.Count(s => (s.Flags & MessageFlags.Seen) == 0));
        Assert.True(states.Count == 0 || reloaded.UidNext > states[^1].Uid, "UIDNEXT must stay above every UID.");
        Assert.True(states.Count == 0 || reloaded.HighestModSeq >= states.Max(s => s.ModSeq), "HIGHESTMODSEQ must cover every message.");
    }
}
