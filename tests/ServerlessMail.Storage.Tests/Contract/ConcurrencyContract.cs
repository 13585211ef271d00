using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>Races the stores must win: concurrent deliveries into one folder, replays, and flag updates.</summary>
public abstract class ConcurrencyContract : StoreContract
{
    private const int Deliveries = 50;

    [Fact]
    public async Task FiftyConcurrentDeliveriesTakeUniqueUidsThatAscendInCommitOrder()
    {
        using var services = new StoreServices(Harness);
        var mailbox = await Harness.SeedMailboxAsync();
        var accepted = new List<AcceptedMessage>();
        for (var i = 0; i < Deliveries; i++)
        {
            accepted.Add(await services.Ingest.AcceptAsync(new MemoryStream(TestMail.Build(subject: $"Message {i}")), new MessageEnvelope("s@remote.example", ["alice@example.com"])));
        }

        var observer = new CommitOrderObserver(Harness.Store, mailbox.InboxFolder.Id);
        using var start = new ManualResetEventSlim();
        var deliveries = accepted.Select(a => Task.Run(async () =>
        {
            start.Wait();
            return await services.Ingest.DeliverAsync(a.Id);
        })).ToList();
        var watching = observer.WatchAsync(Task.WhenAll(deliveries));
        start.Set();
        var results = await Task.WhenAll(deliveries);
        await watching;

        Assert.All(results, r => Assert.Equal(RecipientOutcome.Delivered, Assert.Single(r.Recipients).Outcome));
        await AssertFolderConsistentAsync(mailbox.InboxFolder, observer);
    }

    [Fact]
    public async Task FiftyConcurrentAppendsAscendInCommitOrderForAnObserver()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var prepared = new List<NewMessage>();
        for (var i = 0; i < Deliveries; i++)
        {
            prepared.Add(await Harness.PrepareAsync(mailbox, mailbox.InboxFolder));
        }

        var observer = new CommitOrderObserver(Harness.Store, mailbox.InboxFolder.Id);
        using var start = new ManualResetEventSlim();
        var appends = prepared.Select(m => Task.Run(async () =>
        {
            start.Wait();
            return await Harness.Store.AppendAsync(m);
        })).ToList();
        var watching = observer.WatchAsync(Task.WhenAll(appends));
        start.Set();
        var stored = await Task.WhenAll(appends);
        await watching;

        Assert.Equal(Deliveries, stored.Select(m => m.Uid).Distinct().Count());
        Assert.Equal(Deliveries, stored.Select(m => m.ModSeq).Distinct().Count());
        await AssertFolderConsistentAsync(mailbox.InboxFolder, observer);
    }

    [Fact]
    public async Task ConcurrentReplaysOfOneDeliveryStoreOneMessage()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var message = await Harness.PrepareAsync(mailbox, mailbox.InboxFolder, deliveryKey: "ing_same:" + mailbox.Inbox.Id);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            Harness.Store.AppendAsync(message with { Id = Ids.New(Ids.Message, Harness.Clock) }))));

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single(results.Select(r => r.Uid).Distinct());
        var folder = await Harness.ReloadAsync(mailbox.InboxFolder);
        Assert.Equal(1, folder.Total);
        Assert.Equal((message.Size, message.Size), await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id));
    }

    [Fact]
    public async Task ConcurrentFlagChangesAreNeverLost()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var message = await Harness.AppendAsync(mailbox);
        var keywords = Enumerable.Range(0, 10).Select(i => $"k{i}").ToList();

        // A store may refuse a write that lost a race (Conflict); what it accepted must all be there.
        var outcomes = await Task.WhenAll(keywords.Select(k => Task.Run(async () =>
        {
            try
            {
                await Harness.Store.UpdateFlagsAsync(message.Id, new FlagChange(MessageFlags.None, MessageFlags.None, [k], []));
                return k;
            }
            catch (MailStoreException exception) when (exception.Error == MailStoreError.Conflict)
            {
                return null;
            }
        })));

        var applied = outcomes.OfType<string>().Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(applied);
        var stored = await Harness.Store.GetMessageAsync(message.Id);
        Assert.Equal(applied, stored!.Keywords.Order(StringComparer.Ordinal));
        Assert.Equal(stored.ModSeq, (await Harness.ReloadAsync(mailbox.InboxFolder)).HighestModSeq);
    }

    private async Task AssertFolderConsistentAsync(Folder folder, CommitOrderObserver observer)
    {
        var states = await Harness.Store.ListStatesAsync(folder.Id);
        var reloaded = await Harness.ReloadAsync(folder);
        Assert.Equal(Deliveries, states.Count);
        Assert.Equal(Deliveries, states.Select(s => s.Uid).Distinct().Count());
        Assert.Equal((Deliveries, Deliveries), (reloaded.Total, reloaded.Unseen));
        Assert.Equal(states.Max(s => s.Uid) + 1, reloaded.UidNext);
        Assert.Equal(states.Max(s => s.ModSeq), reloaded.HighestModSeq);
        Assert.Null(observer.Violation);
    }

    /// <summary>
    /// Lists the folder's states over and over while writers run. Commit order is visible from outside: once a UID has
    /// been seen, a message appearing later must have a higher UID and a higher MODSEQ (RFC 3501 §2.3.1.1, RFC 7162
    /// §3.1.2), or a client that synced in between would never learn of it.
    /// </summary>
    private sealed class CommitOrderObserver(IMailStore store, string folderId)
    {
        private readonly HashSet<uint> _seen = [];
        private uint _maxUid;
        private ulong _maxModSeq;

        public string? Violation { get; private set; }

        public async Task WatchAsync(Task writers)
        {
            // Bounded: the writers finish on their own; the count only guards against a hung store.
            for (var i = 0; i < 100_000 && Violation is null; i++)
            {
                var done = writers.IsCompleted;
                Observe(await store.ListStatesAsync(folderId));
                if (done)
                {
                    return;
                }
            }
        }

        private void Observe(IReadOnlyList<MessageState> states)
        {
            for (var i = 1; i < states.Count; i++)
            {
                if (states[i].Uid <= states[i - 1].Uid)
                {
                    Violation = $"States out of UID order: {states[i - 1].Uid} then {states[i].Uid}.";
                    return;
                }
            }

            var appeared = states.Where(s => !_seen.Contains(s.Uid)).ToList();
            foreach (var state in appeared)
            {
                if (state.Uid <= _maxUid || state.ModSeq <= _maxModSeq)
                {
                    Violation = $"UID {state.Uid} (MODSEQ {state.ModSeq}) appeared after UID {_maxUid} (MODSEQ {_maxModSeq}) had been seen.";
                    return;
                }
            }

            foreach (var state in appeared)
            {
                _seen.Add(state.Uid);
            }

            if (states.Count > 0)
            {
                _maxUid = Math.Max(_maxUid, states[^1].Uid);
                _maxModSeq = Math.Max(_maxModSeq, states.Max(s => s.ModSeq));
            }
        }
    }
}
