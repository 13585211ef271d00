using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

public abstract partial class MessageContract
{
    [Fact]
    public async Task AppendsChargeStoredBytesAndExpungesReleaseThem()
    {
        var alice = await Harness.SeedMailboxAsync("alice");
        var bob = await Harness.SeedSiblingAsync(alice, "bob");
        Assert.Equal((0L, 0L), await Harness.Store.GetStoredBytesAsync(alice.AccountId, alice.Inbox.Id));

        var a = await Harness.AppendAsync(alice);
        var b = await Harness.AppendAsync(alice, alice.FolderNamed("Archive"));
        var c = await Harness.AppendAsync(bob);

        Assert.Equal((a.Size + b.Size, a.Size + b.Size + c.Size), await Harness.Store.GetStoredBytesAsync(alice.AccountId, alice.Inbox.Id));
        Assert.Equal((c.Size, a.Size + b.Size + c.Size), await Harness.Store.GetStoredBytesAsync(alice.AccountId, bob.Inbox.Id));

        await Harness.Store.ExpungeAsync([a.Id]);

        Assert.Equal((b.Size, b.Size + c.Size), await Harness.Store.GetStoredBytesAsync(alice.AccountId, alice.Inbox.Id));
    }

    [Fact]
    public async Task AnAppendPastTheInboxLimitIsOverQuotaAndChangesNothing()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var first = await Harness.PrepareAsync(mailbox, mailbox.InboxFolder);
        var size = first.Size;
        var limit = new StorageLimit(InboxBytes: (2 * size) + (size / 2), AccountBytes: null);
        await Harness.Store.AppendAsync(first with { Limit = limit });
        await Harness.AppendAsync(mailbox, limit: limit);
        var before = await Harness.ReloadAsync(mailbox.InboxFolder);

        var third = await Harness.PrepareAsync(mailbox, mailbox.InboxFolder, limit: limit);
        await StoreFixtures.AssertErrorAsync(MailStoreError.OverQuota, () => Harness.Store.AppendAsync(third with { Size = size }));

        Assert.Equal(before, await Harness.ReloadAsync(mailbox.InboxFolder));
        Assert.Null(await Harness.Store.GetMessageAsync(third.Id));
        Assert.Equal((2 * size, 2 * size), await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id));

        // Exactly up to the limit is allowed: only passing it is refused.
        var half = await Harness.Store.AppendAsync(third with { Size = size / 2 });
        Assert.Equal(3u, half.Uid);
    }

    [Fact]
    public async Task TheAccountLimitCountsEveryInboxOfTheAccount()
    {
        var alice = await Harness.SeedMailboxAsync("alice");
        var bob = await Harness.SeedSiblingAsync(alice, "bob");
        var a = await Harness.AppendAsync(alice);
        var limit = new StorageLimit(InboxBytes: null, AccountBytes: a.Size + (a.Size / 2));

        var refused = await Harness.PrepareAsync(bob, bob.InboxFolder, limit: limit);
        await StoreFixtures.AssertErrorAsync(MailStoreError.OverQuota, () => Harness.Store.AppendAsync(refused with { Size = a.Size }));
        Assert.Equal(0, (await Harness.ReloadAsync(bob.InboxFolder)).Total);

        await Harness.Store.ExpungeAsync([a.Id]);

        var accepted = await Harness.Store.AppendAsync(refused with { Size = a.Size });
        Assert.Equal(1u, accepted.Uid);
        Assert.Equal((a.Size, a.Size), await Harness.Store.GetStoredBytesAsync(alice.AccountId, bob.Inbox.Id));
    }

    [Fact]
    public async Task AReplayedAppendIsNotRefusedByTheBytesItAlreadyCharged()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var message = await Harness.PrepareAsync(mailbox, mailbox.InboxFolder, deliveryKey: "ing_1:x");
        var limit = new StorageLimit(message.Size, message.Size);
        var first = await Harness.Store.AppendAsync(message with { Limit = limit });

        var replay = await Harness.Store.AppendAsync(message with { Limit = limit });

        Assert.Equal(first.Id, replay.Id);
        Assert.Equal((message.Size, message.Size), await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id));
    }
}
