using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

public abstract partial class MessageContract
{
    [Fact]
    public async Task FlagChangesAddRemoveAndReplaceWithANewModSeqEachTime()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var message = await Harness.AppendAsync(mailbox, flags: MessageFlags.Seen);
        var modSeqs = new List<ulong> { message.ModSeq };

        async Task<StoredMessage> ChangeAsync(FlagChange change, MessageFlags flags, string[] keywords)
        {
            var updated = await Harness.Store.UpdateFlagsAsync(message.Id, change);
            Assert.Equal(flags, updated.Flags);
            Assert.Equal(keywords.Order(StringComparer.Ordinal), updated.Keywords.Order(StringComparer.Ordinal));
            Assert.True(updated.ModSeq > modSeqs[^1], "Every flag change gives the message a higher MODSEQ.");
            modSeqs.Add(updated.ModSeq);
            MessageAssert.Same(updated, await Harness.Store.GetMessageAsync(message.Id));
            var folder = await Harness.ReloadAsync(mailbox.InboxFolder);
            Assert.Equal(updated.ModSeq, folder.HighestModSeq);
            var state = Assert.Single(await Harness.Store.ListStatesAsync(mailbox.InboxFolder.Id));
            Assert.Equal((updated.Flags, updated.ModSeq), (state.Flags, state.ModSeq));
            return updated;
        }

        await ChangeAsync(FlagChange.Set(MessageFlags.Flagged), MessageFlags.Seen | MessageFlags.Flagged, []);
        await ChangeAsync(FlagChange.Clear(MessageFlags.Seen), MessageFlags.Flagged, []);
        await ChangeAsync(new FlagChange(MessageFlags.None, MessageFlags.None, ["$Work", "Urgent"], []), MessageFlags.Flagged, ["$Work", "Urgent"]);
        await ChangeAsync(new FlagChange(MessageFlags.Deleted, MessageFlags.None, ["$Work"], ["Urgent"]), MessageFlags.Flagged | MessageFlags.Deleted, ["$Work"]);
        var replaced = await ChangeAsync(new FlagChange(MessageFlags.Answered, MessageFlags.None, ["$Done"], [], Replace: true), MessageFlags.Answered, ["$Done"]);
        await ChangeAsync(new FlagChange(MessageFlags.None, MessageFlags.None, [], [], Replace: true), MessageFlags.None, []);

        Assert.Equal(message.Uid, replaced.Uid);
    }

    [Fact]
    public async Task AFlagChangeLeavesOtherMessagesAlone()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var target = await Harness.AppendAsync(mailbox);
        var other = await Harness.AppendAsync(mailbox);

        await Harness.Store.UpdateFlagsAsync(target.Id, FlagChange.Set(MessageFlags.Seen));

        MessageAssert.Same(other, await Harness.Store.GetMessageAsync(other.Id));
    }

    [Fact]
    public async Task UnchangedSinceRefusesAMessageModifiedAfterItAndChangesNothing()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var message = await Harness.AppendAsync(mailbox);
        var seen = await Harness.Store.UpdateFlagsAsync(message.Id, FlagChange.Set(MessageFlags.Seen), unchangedSince: message.ModSeq);

        // RFC 7162 §3.1.3: the client's value is older than the message's MODSEQ, so the STORE fails for it.
        await StoreFixtures.AssertErrorAsync(MailStoreError.Conflict,
            () => Harness.Store.UpdateFlagsAsync(message.Id, FlagChange.Set(MessageFlags.Flagged), unchangedSince: message.ModSeq));

        MessageAssert.Same(seen, await Harness.Store.GetMessageAsync(message.Id));
        Assert.Equal(seen.ModSeq, (await Harness.ReloadAsync(mailbox.InboxFolder)).HighestModSeq);
    }

    [Fact]
    public async Task UnchangedSinceLooksAtTheMessageNotTheFolder()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var message = await Harness.AppendAsync(mailbox);
        var other = await Harness.AppendAsync(mailbox);
        await Harness.Store.UpdateFlagsAsync(other.Id, FlagChange.Set(MessageFlags.Seen));

        var updated = await Harness.Store.UpdateFlagsAsync(message.Id, FlagChange.Set(MessageFlags.Flagged), unchangedSince: message.ModSeq);
        var later = await Harness.Store.UpdateFlagsAsync(updated.Id, FlagChange.Set(MessageFlags.Seen), unchangedSince: updated.ModSeq + 100);

        Assert.Equal(MessageFlags.Flagged | MessageFlags.Seen, later.Flags);
    }
}
