using System.Globalization;
using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>
/// The Sent copy: held to the stored-bytes quota, written after the queued record, and repaired exactly once when a
/// submission dies between the two.
/// </summary>
public abstract partial class OutboundContract
{
    [Fact]
    public async Task AnInboxOverItsStorageQuotaCannotSubmit_AndNothingIsLeftBehind()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync(new QuotaLimits(SendsPerDay: 10, SendsPerMinute: null, StoredBytes: 64));

        var result = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(TestMail.Build()), "alice@example.com", ["a@remote.example"], "full-1");

        Assert.False(result.Accepted);
        Assert.Equal((QuotaLimitKind.StoredBytes, "account", 64L), (result.Quota.Limit, result.Quota.Scope, result.Quota.LimitValue));
        Assert.Contains("over its storage quota", result.Quota.Describe(), StringComparison.Ordinal);
        Assert.Empty((await Harness.Store.ListOutboundAsync(mailbox.Inbox.Id, new PageRequest())).Items);
        Assert.Equal(0, (await Harness.ReloadAsync(mailbox.FolderNamed("Sent"))).Total);
        Assert.Equal((0L, 0L), await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id));
        Assert.Equal(0L, await Harness.Store.GetCounterAsync(DayCounter(mailbox)));
        var outboundId = Ids.FromKey(Ids.Outbound, mailbox.AccountId + "\n" + "full-1");
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, () => Harness.Blobs.OpenReadAsync(BlobKeys.Outbound(outboundId, Harness.Now())));
    }

    [Fact]
    public async Task ASentCopyTheStoreRefusesAsOverQuota_WithdrawsTheRecordAndItsBlob()
    {
        // The advisory check passed, then the append refused (another message took the room): the record already
        // written is withdrawn, so the refusal is true and no relay worker ever sends it.
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync(new QuotaLimits(SendsPerDay: null, SendsPerMinute: null, StoredBytes: 100_000));
        var raw = TestMail.Build();
        var outboundId = Ids.FromKey(Ids.Outbound, mailbox.AccountId + "\n" + "race-1");
        var blobKey = BlobKeys.Outbound(outboundId, Harness.Now());
        await Harness.Blobs.PutAsync(blobKey, new MemoryStream(raw));
        await Harness.Store.CreateOutboundAsync(NewOutbound(mailbox, "race-1") with { Id = outboundId, BlobKey = blobKey });
        await Harness.Store.UpdateAccountAsync((await Harness.Store.GetAccountAsync(mailbox.AccountId))! with { Limits = new QuotaLimits(null, null, 10) });

        var retried = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(raw), "alice@example.com", ["bob@remote.example"], "race-1");

        Assert.False(retried.Accepted);
        Assert.Equal(QuotaLimitKind.StoredBytes, retried.Quota.Limit);
        var withdrawn = await Harness.Store.GetOutboundAsync(outboundId);
        Assert.Equal((OutboundStatus.Failed, 0), (withdrawn!.Status, withdrawn.Attempts));
        Assert.Empty(await Harness.Store.ListDueOutboundAsync(Harness.Now().AddDays(1), 10));
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, () => Harness.Blobs.OpenReadAsync(blobKey));
        Assert.Equal(0, (await Harness.ReloadAsync(mailbox.FolderNamed("Sent"))).Total);
    }

    [Fact]
    public async Task ASubmissionThatDiesBeforeItsSentCopy_IsRelayed_AndTheWorkerWritesTheCopyOnce()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync(new QuotaLimits(SendsPerDay: 10, SendsPerMinute: null, StoredBytes: null));
        var (dying, control) = DyingOutbound();
        var raw = TestMail.Build("alice@example.com", "bob@remote.example", "Crash window");

        await StoreFixtures.AssertErrorAsync(MailStoreError.Unavailable, () => dying.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(raw), "alice@example.com", ["bob@remote.example"], "crash-1"));

        // The record came first: it is queued, naming a Sent copy that does not exist yet.
        Assert.Equal(1, control.FailedAppends);
        var queued = Assert.Single(await Harness.Store.ListDueOutboundAsync(Harness.Now(), 10));
        Assert.Null(await Harness.Store.GetMessageAsync(queued.SentMessageId));

        var worker = CaptureWorker(services);
        Assert.Equal(1, await worker.RunOnceAsync(CancellationToken.None));

        var sent = await Harness.Store.GetOutboundAsync(queued.Id);
        Assert.Equal(OutboundStatus.Sent, sent!.Status);
        var copy = await Harness.Store.GetMessageAsync(queued.SentMessageId);
        Assert.Equal((mailbox.FolderNamed("Sent").Id, "Crash window", queued.BlobKey), (copy!.FolderId, copy.Summary.Subject, copy.BlobKey));

        // The client's retry with the same key now finds everything done: same ids, one copy, charged once.
        var retried = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(raw), "alice@example.com", ["bob@remote.example"], "crash-1");
        Assert.Equal((queued.Id, copy.Id), (retried.Outbound!.Id, retried.SentCopy!.Id));
        Assert.Equal(1, (await Harness.ReloadAsync(mailbox.FolderNamed("Sent"))).Total);
        Assert.Equal((copy.Size, copy.Size), await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id));
        Assert.Equal(1L, await Harness.Store.GetCounterAsync(DayCounter(mailbox)));
    }

    [Fact]
    public async Task ARetryWithTheSameKey_RepairsTheSentCopy_AndTheWorkerDoesNotWriteASecond()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync(new QuotaLimits(SendsPerDay: 10, SendsPerMinute: null, StoredBytes: null));
        var (dying, _) = DyingOutbound();
        var raw = TestMail.Build();
        await StoreFixtures.AssertErrorAsync(MailStoreError.Unavailable, () => dying.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(raw), "alice@example.com", ["bob@remote.example"], "crash-2"));

        var retried = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(raw), "alice@example.com", ["bob@remote.example"], "crash-2");
        var again = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(raw), "alice@example.com", ["bob@remote.example"], "crash-2");
        var worker = CaptureWorker(services);
        await worker.RunOnceAsync(CancellationToken.None);

        Assert.True(retried.Accepted);
        Assert.Equal(retried.Outbound!.SentMessageId, retried.SentCopy!.Id);
        Assert.Equal(retried.SentCopy.Id, again.SentCopy!.Id);
        Assert.Equal(1, (await Harness.ReloadAsync(mailbox.FolderNamed("Sent"))).Total);
        Assert.Equal((retried.SentCopy.Size, retried.SentCopy.Size), await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id));
        Assert.Equal(OutboundStatus.Sent, (await Harness.Store.GetOutboundAsync(retried.Outbound.Id))!.Status);
        Assert.Equal(1L, await Harness.Store.GetCounterAsync(DayCounter(mailbox)));
    }

    [Fact]
    public async Task AnUnkeyedSubmissionWhoseSentCopyFails_IsWithdrawn_SoItsFaultReplyIsTrue()
    {
        var (mailbox, principal) = await SeedAsync();
        var (dying, _) = DyingOutbound();

        await StoreFixtures.AssertErrorAsync(MailStoreError.Unavailable, () => dying.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(TestMail.Build()), "alice@example.com", ["bob@remote.example"], null));

        var withdrawn = Assert.Single((await Harness.Store.ListOutboundAsync(mailbox.Inbox.Id, new PageRequest())).Items);
        Assert.Equal((OutboundStatus.Failed, 0), (withdrawn.Status, withdrawn.Attempts));
        Assert.Empty(await Harness.Store.ListDueOutboundAsync(Harness.Now().AddDays(1), 10));
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, () => Harness.Blobs.OpenReadAsync(withdrawn.BlobKey));
    }

    /// <summary>The submission path over the store under test, dying where the Sent copy is written.</summary>
    private (OutboundService Outbound, FaultyAppendStore Control) DyingOutbound()
    {
        var (faulty, control) = FaultyAppendStore.Wrap(Harness.Store);
        return (new OutboundService(faulty, Harness.Blobs, new QuotaService(faulty, Harness.Clock), new ThreadResolver(faulty, Harness.Clock), Harness.Clock), control);
    }

    private RelayWorker CaptureWorker(StoreServices services) =>
        new(Harness.Store, Harness.Blobs, services.Ingest, services.Recipients, new LocalCaptureRelay(), services.RelaySignal, Harness.Clock);

    private string DayCounter(Mailbox mailbox) =>
        $"send:account:{mailbox.AccountId}:d:{Harness.Now().UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
}
