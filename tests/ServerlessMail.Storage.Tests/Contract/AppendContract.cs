using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>A client's own append (IMAP APPEND, the REST raw append) through <see cref="MessageAppendService"/>.</summary>
public abstract class AppendContract : StoreContract
{
    [Fact]
    public async Task AppendStoresTheRawMessageParsedWithTheFlagsAndDateAsked()
    {
        using var services = new StoreServices(Harness);
        var alice = await Harness.SeedMailboxAsync();
        var drafts = alice.FolderNamed("Drafts");
        var raw = TestMail.Build(from: "alice@example.com", to: "bob@remote.example", subject: "Draft one");
        var date = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var change = services.Notifier.NextChangeAsync(alice.Inbox.Id);

        var stored = await services.Appends.AppendAsync(
            new AppendRequest(alice.Inbox, drafts, MessageFlags.Draft | MessageFlags.Seen, ["$Work"], date, "tok_1"), new MemoryStream(raw));

        Assert.True(change.IsCompletedSuccessfully);
        Assert.StartsWith(BlobKeys.AppendedPrefix, stored.BlobKey, StringComparison.Ordinal);
        Assert.Equal(raw, await TestMail.ReadAllAsync(await Harness.Blobs.OpenReadAsync(stored.BlobKey)));
        var reloaded = await Harness.Store.GetMessageByUidAsync(drafts.Id, stored.Uid);
        Assert.NotNull(reloaded);
        Assert.Equal((MessageFlags.Draft | MessageFlags.Seen, date, (long)raw.Length, "Draft one"), (reloaded.Flags, reloaded.InternalDate, reloaded.Size, reloaded.Summary.Subject));
        Assert.Equal(["$Work"], reloaded.Keywords);
        Assert.Equal(("alice@example.com", "tok_1"), (reloaded.Envelope.MailFrom, reloaded.Envelope.AuthenticatedAs));
        Assert.False(reloaded.Structure.IsEmpty);
        Assert.Equal((1, 0), ((await Harness.ReloadAsync(drafts)).Total, (await Harness.ReloadAsync(drafts)).Unseen));
    }

    [Fact]
    public async Task AppendOverTheStorageQuota_IsRefusedAndChargesNothing()
    {
        using var services = new StoreServices(Harness);
        var alice = await Harness.SeedMailboxAsync(inboxLimits: new QuotaLimits(null, null, StoredBytes: 100));
        var raw = TestMail.Build(text: new string('x', 500));

        var error = await Assert.ThrowsAsync<MailStoreException>(() =>
            services.Appends.AppendAsync(new AppendRequest(alice.Inbox, alice.InboxFolder, MessageFlags.None, [], null, null), new MemoryStream(raw)));

        Assert.Equal(MailStoreError.OverQuota, error.Error);
        Assert.Equal(0, (await Harness.ReloadAsync(alice.InboxFolder)).Total);
        Assert.Equal((0L, 0L), await Harness.Store.GetStoredBytesAsync(alice.AccountId, alice.Inbox.Id));
    }

    [Fact]
    public async Task AppendToAnotherInboxsFolder_IsInvalid()
    {
        using var services = new StoreServices(Harness);
        var alice = await Harness.SeedMailboxAsync();
        var bob = await Harness.SeedSiblingAsync(alice, "bob");

        var error = await Assert.ThrowsAsync<MailStoreException>(() =>
            services.Appends.AppendAsync(new AppendRequest(alice.Inbox, bob.InboxFolder, MessageFlags.None, [], null, null), new MemoryStream(TestMail.Build())));

        Assert.Equal(MailStoreError.InvalidArgument, error.Error);
    }
}
