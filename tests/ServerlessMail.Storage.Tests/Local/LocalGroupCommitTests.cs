using ServerlessMail.Core;
using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Local;

/// <summary>
/// Group commit keeps per-operation semantics: the writer is held on a gate so that the writes queued behind it are
/// taken into one transaction, deterministically, and each caller still gets exactly its own outcome.
/// </summary>
public sealed class LocalGroupCommitTests : StoreContract, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly ManualResetEventSlim _gate = new();

    private LocalStoreHarness Local => (LocalStoreHarness)Harness;

    /// <summary>The held write waits at most <see cref="Patience"/>, so a failed test cannot hang the harness's disposal.</summary>
    public void Dispose()
    {
        _gate.Set();
        _gate.Dispose();
    }

    [Fact]
    public async Task WritesQueuedTogetherCommitInOneTransactionWithUidsInQueueOrder()
    {
        var mailbox = await Local.SeedMailboxAsync();
        var prepared = new List<NewMessage>();
        for (var i = 0; i < 50; i++)
        {
            prepared.Add(await Local.PrepareAsync(mailbox, mailbox.InboxFolder));
        }

        var held = await HoldWriterAsync();
        var appends = prepared.Select(m => Local.Store.AppendAsync(m)).ToList();
        var batches = await ReleaseWhenQueuedAsync(held, appends.Count);
        var stored = await Task.WhenAll(appends);

        Assert.Equal(2, Local.LocalStore.Writes.Batches - batches);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (uint)i), stored.Select(m => m.Uid));
        var folder = await Local.ReloadAsync(mailbox.InboxFolder);
        Assert.Equal((50, 51u, 50ul), (folder.Total, folder.UidNext, folder.HighestModSeq));
    }

    [Fact]
    public async Task AWriteThatFailsInsideABatchFailsOnlyItsOwnCaller()
    {
        var mailbox = await Local.SeedMailboxAsync();
        var existing = await Local.AppendAsync(mailbox);
        var first = await Local.PrepareAsync(mailbox, mailbox.InboxFolder);
        var duplicate = await Local.PrepareAsync(mailbox, mailbox.InboxFolder);
        var overQuota = await Local.PrepareAsync(mailbox, mailbox.InboxFolder, limit: new StorageLimit(InboxBytes: 1, AccountBytes: null));
        var last = await Local.PrepareAsync(mailbox, mailbox.InboxFolder);
        var charge = new QuotaCharge("test:counter", 1, 10, Local.Now().AddDays(1));

        var held = await HoldWriterAsync();
        var firstTask = Local.Store.AppendAsync(first);
        var duplicateTask = Local.Store.AppendAsync(duplicate with { Id = existing.Id });
        var overQuotaTask = Local.Store.AppendAsync(overQuota);
        var lastTask = Local.Store.AppendAsync(last);
        var chargeTask = Local.Store.TryChargeAsync([charge], "key-1");
        var batches = await ReleaseWhenQueuedAsync(held, 5);

        Assert.Equal(MailStoreError.Conflict, (await Assert.ThrowsAsync<MailStoreException>(() => duplicateTask)).Error);
        Assert.Equal(MailStoreError.OverQuota, (await Assert.ThrowsAsync<MailStoreException>(() => overQuotaTask)).Error);
        Assert.Equal((2u, 3u), ((await firstTask).Uid, (await lastTask).Uid));
        Assert.Equal(QuotaOutcome.Charged, (await chargeTask).Outcome);
        Assert.Equal(2, Local.LocalStore.Writes.Batches - batches);

        // The failed appends took no UID, no MODSEQ and no bytes: their savepoints were rolled back.
        var folder = await Local.ReloadAsync(mailbox.InboxFolder);
        Assert.Equal((3, 4u, 3ul), (folder.Total, folder.UidNext, folder.HighestModSeq));
        var (inboxBytes, accountBytes) = await Local.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id);
        Assert.Equal((existing.Size + first.Size + last.Size, existing.Size + first.Size + last.Size), (inboxBytes, accountBytes));
        Assert.Equal(1, await Local.Store.GetCounterAsync(charge.Key));
    }

    [Fact]
    public async Task AWriteCancelledWhileQueuedIsNeverApplied()
    {
        var mailbox = await Local.SeedMailboxAsync();
        var folder = Local.InboxService().NewFolder(mailbox.Inbox.Id, "Later", SpecialUse.None, Local.Now());
        using var cancel = new CancellationTokenSource();

        var held = await HoldWriterAsync();
        var create = Local.Store.CreateFolderAsync(folder, cancel.Token);
        await WaitUntilAsync(() => Local.LocalStore.Writes.Pending == 1);
        await cancel.CancelAsync();
        await ReleaseWhenQueuedAsync(held, 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => create);
        Assert.Null(await Local.Store.GetFolderAsync(folder.Id));
    }

    protected override Task<StoreHarness> CreateHarnessAsync() => LocalStoreHarness.CreateAsync();

    /// <summary>Queues an operation that blocks the writer thread until the gate opens, and waits until the writer holds it.</summary>
    private async Task<Task> HoldWriterAsync()
    {
        var held = Local.LocalStore.Writes.EnqueueAsync(_ => _gate.Wait(Patience), CancellationToken.None);
        await WaitUntilAsync(() => Local.LocalStore.Writes.Pending == 0);
        return held;
    }

    /// <summary>
    /// Opens the gate once <paramref name="queued"/> writes wait behind it. Returns the batch count from before the
    /// held batch committed: after the writes, it has grown by two (the held batch, then theirs) if they shared one.
    /// </summary>
    private async Task<long> ReleaseWhenQueuedAsync(Task held, int queued)
    {
        await WaitUntilAsync(() => Local.LocalStore.Writes.Pending == queued);
        var batches = Local.LocalStore.Writes.Batches;
        _gate.Set();
        await held;
        return batches;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), timeout.Token);
        }
    }
}
