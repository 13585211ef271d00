using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

public abstract partial class MessageContract
{
    [Fact]
    public async Task MoveKeepsTheIdTakesANewUidAndRecordsAnExpungeInTheSource()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var archive = mailbox.FolderNamed("Archive");
        await Harness.AppendAsync(mailbox, archive);
        var message = await Harness.AppendAsync(mailbox, flags: MessageFlags.Flagged, keywords: ["$Work"]);
        var stays = await Harness.AppendAsync(mailbox);
        var sourceBefore = await Harness.ReloadAsync(mailbox.InboxFolder);
        var targetBefore = await Harness.ReloadAsync(archive);

        var moved = await Harness.Store.MoveAsync(message.Id, archive.Id);

        Assert.Equal((message.Id, archive.Id, targetBefore.UidNext), (moved.Id, moved.FolderId, moved.Uid));
        Assert.True(moved.ModSeq > targetBefore.HighestModSeq);
        Assert.Equal((message.Flags, message.BlobKey, message.ThreadId), (moved.Flags, moved.BlobKey, moved.ThreadId));
        Assert.Equal(["$Work"], moved.Keywords);
        MessageAssert.Summary(message.Summary, moved.Summary);
        MessageAssert.Same(moved, await Harness.Store.GetMessageAsync(message.Id));
        MessageAssert.Same(moved, await Harness.Store.GetMessageByUidAsync(archive.Id, moved.Uid));
        Assert.Null(await Harness.Store.GetMessageByUidAsync(mailbox.InboxFolder.Id, message.Uid));

        var source = await Harness.ReloadAsync(mailbox.InboxFolder);
        Assert.True(source.HighestModSeq > sourceBefore.HighestModSeq, "The expunge in the source takes a new MODSEQ.");
        Assert.Equal(sourceBefore.UidNext, source.UidNext);
        var changes = await Harness.Store.GetChangesAsync(mailbox.InboxFolder.Id, sourceBefore.HighestModSeq);
        Assert.Equal([message.Uid], changes.Expunged);
        Assert.Empty(changes.Changed);
        Assert.Equal([stays.Id], (await Harness.Store.ListStatesAsync(mailbox.InboxFolder.Id)).Select(s => s.MessageId));
        Assert.Equal(targetBefore.UidNext + 1, (await Harness.ReloadAsync(archive)).UidNext);
    }

    [Fact]
    public async Task CopyMakesANewMessageSharingTheBlob()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var archive = mailbox.FolderNamed("Archive");
        var message = await Harness.AppendAsync(mailbox, flags: MessageFlags.Seen | MessageFlags.Answered, keywords: ["$Label1"]);

        var copy = await Harness.Store.CopyAsync(message.Id, archive.Id);

        Assert.NotEqual(message.Id, copy.Id);
        Assert.Equal((archive.Id, 1u, message.BlobKey, message.Size, message.Flags), (copy.FolderId, copy.Uid, copy.BlobKey, copy.Size, copy.Flags));
        Assert.Equal(["$Label1"], copy.Keywords);
        MessageAssert.Summary(message.Summary, copy.Summary);
        Assert.Equal(message.Structure.ToArray(), copy.Structure.ToArray());
        MessageAssert.Same(copy, await Harness.Store.GetMessageAsync(copy.Id));
        MessageAssert.Same(message, await Harness.Store.GetMessageAsync(message.Id));
    }

    [Fact]
    public async Task MovingOrCopyingToAnotherInboxIsAnInvalidArgumentAndChangesNothing()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var bob = await Harness.SeedSiblingAsync(mailbox, "bob");
        var message = await Harness.AppendAsync(mailbox);

        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidArgument, () => Harness.Store.MoveAsync(message.Id, bob.InboxFolder.Id));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidArgument, () => Harness.Store.CopyAsync(message.Id, bob.InboxFolder.Id));

        MessageAssert.Same(message, await Harness.Store.GetMessageAsync(message.Id));
        Assert.Equal(0, (await Harness.ReloadAsync(bob.InboxFolder)).Total);
    }

    [Fact]
    public async Task ExpungeReturnsOnlyBlobsNoMessageStillReferences()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var archive = mailbox.FolderNamed("Archive");
        var single = await Harness.AppendAsync(mailbox);
        var original = await Harness.AppendAsync(mailbox);
        var copy = await Harness.Store.CopyAsync(original.Id, archive.Id);

        var first = await Harness.Store.ExpungeAsync([original.Id, Ids.New(Ids.Message, Harness.Clock)]);
        Assert.Empty(first);
        Assert.Null(await Harness.Store.GetMessageAsync(original.Id));

        var second = await Harness.Store.ExpungeAsync([copy.Id, single.Id, original.Id]);
        Assert.Equal(new[] { single.BlobKey, original.BlobKey }.Order(StringComparer.Ordinal), second.Order(StringComparer.Ordinal));
        Assert.Empty(await Harness.Store.ListStatesAsync(mailbox.InboxFolder.Id));
        Assert.Empty(await Harness.Store.ListStatesAsync(archive.Id));
        Assert.Empty(await Harness.Store.ExpungeAsync([copy.Id]));
    }

    [Fact]
    public async Task ExpungingBothHoldersOfABlobAtOnceReturnsItOnce()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var original = await Harness.AppendAsync(mailbox);
        var copy = await Harness.Store.CopyAsync(original.Id, mailbox.FolderNamed("Trash").Id);

        var orphans = await Harness.Store.ExpungeAsync([original.Id, copy.Id]);

        Assert.Equal([original.BlobKey], orphans);
    }

    [Fact]
    public async Task ChangesSinceAModSeqHoldChangedMessagesAndExpungedUids()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var folder = mailbox.InboxFolder;
        var a = await Harness.AppendAsync(mailbox);
        var b = await Harness.AppendAsync(mailbox);
        var c = await Harness.AppendAsync(mailbox);
        var mark = (await Harness.ReloadAsync(folder)).HighestModSeq;
        var otherFolder = await Harness.AppendAsync(mailbox, mailbox.FolderNamed("Archive"));

        var flagged = await Harness.Store.UpdateFlagsAsync(b.Id, FlagChange.Set(MessageFlags.Flagged));
        await Harness.Store.ExpungeAsync([c.Id, otherFolder.Id]);
        var d = await Harness.AppendAsync(mailbox);

        var changes = await Harness.Store.GetChangesAsync(folder.Id, mark);
        var current = await Harness.ReloadAsync(folder);
        Assert.Equal(current, changes.Folder);
        Assert.Equal([b.Uid, d.Uid], changes.Changed.Select(s => s.Uid).Order());
        Assert.Equal((flagged.Flags, flagged.ModSeq), changes.Changed.Where(s => s.Uid == b.Uid).Select(s => (s.Flags, s.ModSeq)).Single());
        Assert.Equal([c.Uid], changes.Expunged);

        var all = await Harness.Store.GetChangesAsync(folder.Id, 0);
        Assert.Equal([a.Uid, b.Uid, d.Uid], all.Changed.Select(s => s.Uid).Order());

        var none = await Harness.Store.GetChangesAsync(folder.Id, current.HighestModSeq);
        Assert.Empty(none.Changed);
        Assert.Empty(none.Expunged);

        var afterFlag = await Harness.Store.GetChangesAsync(folder.Id, flagged.ModSeq);
        Assert.Equal([d.Uid], afterFlag.Changed.Select(s => s.Uid));
        Assert.Equal([c.Uid], afterFlag.Expunged);
    }

    [Fact]
    public async Task UidsAreNeverReusedAndHighestModSeqNeverFalls()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var folder = mailbox.InboxFolder;
        await Harness.AppendAsync(mailbox);
        var second = await Harness.AppendAsync(mailbox);
        var third = await Harness.AppendAsync(mailbox);
        var before = await Harness.ReloadAsync(folder);

        await Harness.Store.ExpungeAsync([third.Id]);
        await Harness.Store.MoveAsync(second.Id, mailbox.FolderNamed("Archive").Id);
        var afterRemovals = await Harness.ReloadAsync(folder);
        var next = await Harness.AppendAsync(mailbox);

        // RFC 3501 §2.3.1.1: a UID is never given to another message in the same UIDVALIDITY.
        Assert.Equal(4u, next.Uid);
        Assert.Equal(4u, afterRemovals.UidNext);
        Assert.True(afterRemovals.HighestModSeq > before.HighestModSeq, "Expunges take new MODSEQs; HIGHESTMODSEQ only grows (RFC 7162 §3.1.2).");
        Assert.True(next.ModSeq > afterRemovals.HighestModSeq);
    }

    [Fact]
    public async Task AReplayedDeliveryOfAMovedMessageDoesNotPutItBack()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var message = await Harness.PrepareAsync(mailbox, mailbox.InboxFolder, deliveryKey: "ing_moved:" + mailbox.Inbox.Id);
        await Harness.Store.AppendAsync(message);
        var moved = await Harness.Store.MoveAsync(message.Id, mailbox.FolderNamed("Archive").Id);

        var replay = await Harness.Store.AppendAsync(message);

        MessageAssert.Same(moved, replay);
        Assert.Equal(0, (await Harness.ReloadAsync(mailbox.InboxFolder)).Total);
        Assert.Equal(1, (await Harness.ReloadAsync(mailbox.FolderNamed("Archive"))).Total);
    }
}
