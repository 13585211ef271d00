using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>A copy charges its bytes like an append, so it is held to the same stored-bytes limit.</summary>
public abstract partial class MessageContract
{
    [Fact]
    public async Task ACopyPastTheStorageLimitIsOverQuotaAndChangesNothing()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var archive = mailbox.FolderNamed("Archive");
        var original = await Harness.AppendAsync(mailbox);
        var size = original.Size;
        var limit = new StorageLimit(InboxBytes: (2 * size) + (size / 2), AccountBytes: null);

        var copy = await Harness.Store.CopyAsync(original.Id, archive.Id, limit);
        var before = await Harness.ReloadAsync(archive);
        await StoreFixtures.AssertErrorAsync(MailStoreError.OverQuota, () => Harness.Store.CopyAsync(original.Id, archive.Id, limit));

        Assert.Equal(1u, copy.Uid);
        Assert.Equal(before, await Harness.ReloadAsync(archive));
        Assert.Equal((2 * size, 2 * size), await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id));

        // The account's limit counts too, and no limit at all charges without a check (the call IMAP COPY made before).
        var accountLimit = new StorageLimit(InboxBytes: null, AccountBytes: 2 * size);
        await StoreFixtures.AssertErrorAsync(MailStoreError.OverQuota, () => Harness.Store.CopyAsync(original.Id, archive.Id, accountLimit));
        await Harness.Store.CopyAsync(original.Id, archive.Id, CancellationToken.None);
        Assert.Equal((3 * size, 3 * size), await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id));
    }

    [Fact]
    public async Task ConcurrentCopiesNeverPassTheStorageLimit()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var archive = mailbox.FolderNamed("Archive");
        var original = await Harness.AppendAsync(mailbox);
        var limit = new StorageLimit(InboxBytes: 3 * original.Size, AccountBytes: null);

        var copies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                return await Harness.Store.CopyAsync(original.Id, archive.Id, limit);
            }
            catch (MailStoreException refused) when (refused.Error is MailStoreError.OverQuota or MailStoreError.Conflict)
            {
                return null;
            }
        })));

        var made = copies.Count(c => c is not null);
        Assert.InRange(made, 1, 2);
        Assert.Equal(made, (await Harness.ReloadAsync(archive)).Total);
        Assert.Equal((original.Size * (1 + made), original.Size * (1 + made)), await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id));
    }
}
