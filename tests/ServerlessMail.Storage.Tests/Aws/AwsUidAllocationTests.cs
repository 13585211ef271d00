using ServerlessMail.Core;
using ServerlessMail.Storage.Aws;
using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Aws;

/// <summary>
/// The append transaction is conditional on the UIDNEXT and HIGHESTMODSEQ it read. A rival that commits in between
/// makes it cancel; the store reads again and takes the next UID, so UIDs follow commit order.
/// </summary>
[Collection(AwsStandInsGroup.Name)]
public sealed class AwsUidAllocationTests(AwsStandIns standIns) : IAsyncLifetime
{
    private readonly RequestHook _hook = new();
    private AwsStoreHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await AwsStoreHarness.CreateAwsAsync(standIns, _hook);
        await _harness.Store.InitializeAsync();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task AnAppendThatLosesTheRaceRetriesWithTheNextUid()
    {
        var mailbox = await _harness.SeedMailboxAsync();
        var ours = await _harness.PrepareAsync(mailbox, mailbox.InboxFolder);
        var theirs = await _harness.PrepareAsync(mailbox, mailbox.InboxFolder);
        using var rivalClient = standIns.CreateDynamoDb();
        var rival = new DynamoMailStore(rivalClient, _harness.Options, _harness.Clock);
        StoredMessage? interloper = null;
        var before = _hook.Count("TransactWriteItems");
        _hook.BeforeNext("TransactWriteItems", async () => interloper = await rival.AppendAsync(theirs));

        var stored = await _harness.Store.AppendAsync(ours);

        Assert.NotNull(interloper);
        Assert.Equal((1u, 2u), (interloper.Uid, stored.Uid));
        Assert.True(stored.ModSeq > interloper.ModSeq);
        Assert.Equal(2, _hook.Count("TransactWriteItems") - before);
        var folder = await _harness.ReloadAsync(mailbox.InboxFolder);
        Assert.Equal((3u, stored.ModSeq, 2, 2), (folder.UidNext, folder.HighestModSeq, folder.Total, folder.Unseen));
        Assert.Equal([interloper.Id, stored.Id], (await _harness.Store.ListStatesAsync(folder.Id)).Select(s => s.MessageId));
    }

    [Fact]
    public async Task AFlagChangeThatLosesTheRaceIsAppliedOnTopOfTheRivals()
    {
        var mailbox = await _harness.SeedMailboxAsync();
        var message = await _harness.AppendAsync(mailbox);
        using var rivalClient = standIns.CreateDynamoDb();
        var rival = new DynamoMailStore(rivalClient, _harness.Options, _harness.Clock);
        _hook.BeforeNext("TransactWriteItems", () => rival.UpdateFlagsAsync(message.Id, FlagChange.Set(MessageFlags.Flagged)));

        var updated = await _harness.Store.UpdateFlagsAsync(message.Id, FlagChange.Set(MessageFlags.Seen));

        Assert.Equal(MessageFlags.Seen | MessageFlags.Flagged, updated.Flags);
        Assert.Equal(message.ModSeq + 2, updated.ModSeq);
        Assert.Equal(0, (await _harness.ReloadAsync(mailbox.InboxFolder)).Unseen);
    }

    [Fact]
    public async Task UnchangedSinceIsCheckedAgainAfterARivalWins()
    {
        var mailbox = await _harness.SeedMailboxAsync();
        var message = await _harness.AppendAsync(mailbox);
        using var rivalClient = standIns.CreateDynamoDb();
        var rival = new DynamoMailStore(rivalClient, _harness.Options, _harness.Clock);
        _hook.BeforeNext("TransactWriteItems", () => rival.UpdateFlagsAsync(message.Id, FlagChange.Set(MessageFlags.Flagged)));

        // Read before the rival's change, so the first attempt passes the check; the retry must see the rival's MODSEQ.
        var error = await Assert.ThrowsAsync<MailStoreException>(
            () => _harness.Store.UpdateFlagsAsync(message.Id, FlagChange.Set(MessageFlags.Seen), unchangedSince: message.ModSeq));

        Assert.Equal(MailStoreError.Conflict, error.Error);
        Assert.Equal(MessageFlags.Flagged, (await _harness.Store.GetMessageAsync(message.Id))!.Flags);
    }
}
