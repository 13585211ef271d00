using ServerlessMail.Core;
using ServerlessMail.Mime;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>IIngestStore through <see cref="MailIngestService"/> and <see cref="DeliveryWorker"/>: accept, then deliver.</summary>
public abstract class IngestContract : StoreContract
{
    [Fact]
    public async Task AcceptWritesTheBlobAndTheRecordBeforeReturning()
    {
        using var services = new StoreServices(Harness);
        var raw = TestMail.Build();
        var envelope = new MessageEnvelope("sender@remote.example", ["alice@example.com"], "192.0.2.7", null, "mx.remote.example");

        var accepted = await services.Ingest.AcceptAsync(new MemoryStream(raw), envelope);

        Assert.Equal((IngestState.Accepted, raw.Length, 0, Harness.Now()), (accepted.State, accepted.Size, accepted.Attempts, accepted.AcceptedAt));
        Assert.Equal(raw, await TestMail.ReadAllAsync(await Harness.Blobs.OpenReadAsync(accepted.BlobKey)));
        var record = await Harness.Store.GetAcceptedAsync(accepted.Id);
        Assert.NotNull(record);
        Assert.Equal((accepted.BlobKey, accepted.Size, accepted.State, accepted.AcceptedAt, accepted.NextAttemptAt), (record.BlobKey, record.Size, record.State, record.AcceptedAt, record.NextAttemptAt));
        MessageAssert.Envelope(envelope, record.Envelope);
        Assert.Equal([accepted.Id], (await Harness.Store.ListDueAcceptedAsync(Harness.Now(), 10)).Select(a => a.Id));
        Assert.True(await services.Signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task DeliveryReachesHostedInboxesByAddressPlusTagAndCatchAll()
    {
        using var services = new StoreServices(Harness);
        var alice = await Harness.SeedMailboxAsync("alice", "example.com");
        var catchAll = await Harness.SeedSiblingAsync(alice, "catchall");
        await Harness.Store.UpdateDomainAsync(alice.Domain with { CatchAllInboxId = catchAll.Inbox.Id });
        var other = await Harness.SeedMailboxAsync("bob", "other.example");
        var accepted = await services.Ingest.AcceptAsync(
            new MemoryStream(TestMail.Build()),
            new MessageEnvelope("sender@remote.example", ["alice+news@example.com", "nobody@example.com", "bob@OTHER.example", "x@not-hosted.example"]));

        var result = await services.Ingest.DeliverAsync(accepted.Id);

        Assert.Equal(IngestState.Delivered, result.Accepted.State);
        var outcomes = result.Recipients.ToDictionary(r => r.Recipient, r => (r.Outcome, r.InboxId));
        Assert.Equal((RecipientOutcome.Delivered, alice.Inbox.Id), outcomes["alice+news@example.com"]);
        Assert.Equal((RecipientOutcome.Delivered, catchAll.Inbox.Id), outcomes["nobody@example.com"]);
        Assert.Equal((RecipientOutcome.Delivered, other.Inbox.Id), outcomes["bob@OTHER.example"]);
        Assert.Equal((RecipientOutcome.Skipped, (string?)null), outcomes["x@not-hosted.example"]);
        foreach (var mailbox in new[] { alice, catchAll, other })
        {
            var folder = await Harness.ReloadAsync(mailbox.InboxFolder);
            Assert.Equal((1, 1), (folder.Total, folder.Unseen));
            var message = Assert.Single((await Harness.Store.ListMessagesAsync(folder.Id, MessageQuery.All, new PageRequest())).Items);
            Assert.Equal((accepted.BlobKey, mailbox.AccountId, mailbox.Inbox.Id), (message.BlobKey, message.AccountId, message.InboxId));
        }

        Assert.Equal(IngestState.Delivered, (await Harness.Store.GetAcceptedAsync(accepted.Id))?.State);
        Assert.Empty(await Harness.Store.ListDueAcceptedAsync(Harness.Now().AddDays(1), 10));
    }

    [Fact]
    public async Task UnknownRecipientsAreSkippedWithoutACatchAll()
    {
        using var services = new StoreServices(Harness);
        var alice = await Harness.SeedMailboxAsync();
        var accepted = await services.Ingest.AcceptAsync(new MemoryStream(TestMail.Build()), new MessageEnvelope("s@remote.example", ["nobody@example.com", "not-an-address"]));

        var result = await services.Ingest.DeliverAsync(accepted.Id);

        Assert.Equal(IngestState.Delivered, result.Accepted.State);
        Assert.All(result.Recipients, r => Assert.Equal(RecipientOutcome.Skipped, r.Outcome));
        Assert.Equal(0, (await Harness.ReloadAsync(alice.InboxFolder)).Total);
    }

    [Fact]
    public async Task RecipientsReachingOneInboxDeliverOneCopy()
    {
        using var services = new StoreServices(Harness);
        var alice = await Harness.SeedMailboxAsync();
        var accepted = await services.Ingest.AcceptAsync(
            new MemoryStream(TestMail.Build()),
            new MessageEnvelope("s@remote.example", ["alice@example.com", "alice+a@example.com", "ALICE@Example.com", "alice+b@example.com"]));

        await services.Ingest.DeliverAsync(accepted.Id);

        Assert.Equal(1, (await Harness.ReloadAsync(alice.InboxFolder)).Total);
    }

    [Fact]
    public async Task ReplayingADeliveryNeverDuplicates()
    {
        using var services = new StoreServices(Harness);
        var alice = await Harness.SeedMailboxAsync();
        var bob = await Harness.SeedSiblingAsync(alice, "bob");
        var accepted = await services.Ingest.AcceptAsync(new MemoryStream(TestMail.Build()), new MessageEnvelope("s@remote.example", ["alice@example.com", "bob@example.com"]));
        var first = await services.Ingest.DeliverAsync(accepted.Id);

        // A crash after the appends but before the record said "delivered": the record is replayed as still accepted.
        await Harness.Store.UpdateAcceptedAsync(first.Accepted with { State = IngestState.Accepted, Attempts = 0 });
        var replay = await services.Ingest.DeliverAsync(accepted.Id);
        var again = await services.Ingest.DeliverAsync(accepted.Id);
        var registered = await services.Ingest.AcceptStoredAsync(accepted.BlobKey, accepted.Size, accepted.Envelope);

        Assert.Equal(first.Recipients.Select(r => r.MessageId), replay.Recipients.Select(r => r.MessageId));
        Assert.Empty(again.Recipients);
        Assert.Equal(accepted.Id, registered.Id);
        foreach (var mailbox in new[] { alice, bob })
        {
            var folder = await Harness.ReloadAsync(mailbox.InboxFolder);
            Assert.Equal((1, 2u), (folder.Total, folder.UidNext));
        }
    }

    [Fact]
    public async Task ABlobRegisteredTwiceFromStorageEventsIsOneAcceptedMessage()
    {
        using var services = new StoreServices(Harness);
        var alice = await Harness.SeedMailboxAsync();
        var raw = TestMail.Build();
        const string key = "inbound/ses/0123456789abcdef";
        await Harness.Blobs.PutAsync(key, new MemoryStream(raw));
        var envelope = new MessageEnvelope("s@remote.example", ["alice@example.com"]);

        var first = await services.Ingest.AcceptStoredAsync(key, raw.Length, envelope);
        var second = await services.Ingest.AcceptStoredAsync(key, raw.Length, envelope);
        await services.Worker.RunOnceAsync(CancellationToken.None);
        await services.Ingest.AcceptStoredAsync(key, raw.Length, envelope);
        await services.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, (await Harness.ReloadAsync(alice.InboxFolder)).Total);
    }

    [Fact]
    public async Task APassDeliversABacklogConcurrentlyWithEveryMessageOnceUnderItsOwnUid()
    {
        using var services = new StoreServices(Harness);
        var alice = await Harness.SeedMailboxAsync();
        var accepted = new List<AcceptedMessage>();
        for (var i = 0; i < 3 * DeliveryWorker.Concurrency; i++)
        {
            var raw = TestMail.Build(subject: $"Backlog {i}", messageId: $"backlog-{i}@remote.example");
            accepted.Add(await services.Ingest.AcceptAsync(new MemoryStream(raw), new MessageEnvelope("s@remote.example", ["alice@example.com"])));
        }

        Assert.Equal(accepted.Count, await services.Worker.RunOnceAsync(CancellationToken.None));

        var states = await Harness.Store.ListStatesAsync(alice.InboxFolder.Id);
        Assert.Equal(Enumerable.Range(1, accepted.Count).Select(u => (uint)u), states.Select(s => s.Uid).Order());
        foreach (var message in accepted)
        {
            Assert.Equal(IngestState.Delivered, (await Harness.Store.GetAcceptedAsync(message.Id))?.State);
        }

        Assert.Equal(0, await services.Worker.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnInboxOverItsStorageQuotaIsRetriedLater()
    {
        using var services = new StoreServices(Harness);
        var alice = await Harness.SeedMailboxAsync(inboxLimits: new QuotaLimits(null, null, StoredBytes: 100));
        var bob = await Harness.SeedSiblingAsync(alice, "bob");
        var accepted = await services.Ingest.AcceptAsync(new MemoryStream(TestMail.Build()), new MessageEnvelope("s@remote.example", ["alice@example.com", "bob@example.com"]));

        Assert.Equal(1, await services.Worker.RunOnceAsync(CancellationToken.None));

        var pending = await Harness.Store.GetAcceptedAsync(accepted.Id);
        Assert.Equal((IngestState.Accepted, 1, Harness.Now() + MailIngestService.Backoff(1)), (pending?.State, pending?.Attempts, pending?.NextAttemptAt));
        Assert.NotNull(pending?.LastError);
        Assert.Equal((0, 1), ((await Harness.ReloadAsync(alice.InboxFolder)).Total, (await Harness.ReloadAsync(bob.InboxFolder)).Total));
        Assert.Empty(await Harness.Store.ListDueAcceptedAsync(Harness.Now(), 10));

        await Harness.Store.UpdateInboxAsync(alice.Inbox with { Limits = QuotaLimits.Unlimited });
        Harness.Clock.Advance(MailIngestService.Backoff(1));
        Assert.Equal([accepted.Id], (await Harness.Store.ListDueAcceptedAsync(Harness.Now(), 10)).Select(a => a.Id));
        Assert.Equal(1, await services.Worker.RunOnceAsync(CancellationToken.None));

        Assert.Equal(IngestState.Delivered, (await Harness.Store.GetAcceptedAsync(accepted.Id))?.State);
        Assert.Equal((1, 1), ((await Harness.ReloadAsync(alice.InboxFolder)).Total, (await Harness.ReloadAsync(bob.InboxFolder)).Total));
    }

    [Fact]
    public async Task DueMessagesListOldestFirstUpToTheLimit()
    {
        using var services = new StoreServices(Harness);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await services.Ingest.AcceptAsync(new MemoryStream(TestMail.Build()), new MessageEnvelope("s@remote.example", ["x@example.com"]))).Id);
            Harness.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var later = await Harness.Store.GetAcceptedAsync(ids[1]);
        await Harness.Store.UpdateAcceptedAsync(later! with { NextAttemptAt = Harness.Now().AddMinutes(5), Attempts = 1 });

        Assert.Equal([ids[0], ids[2], ids[3]], (await Harness.Store.ListDueAcceptedAsync(Harness.Now(), 3)).Select(a => a.Id));
        Assert.Equal(ids, (await Harness.Store.ListDueAcceptedAsync(Harness.Now().AddMinutes(5), 10)).Select(a => a.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeliveredMessagesCarryTheirSummaryAndStructure()
    {
        using var services = new StoreServices(Harness);
        var alice = await Harness.SeedMailboxAsync();
        var pdf = "%PDF-1.4 pretend"u8.ToArray();
        var raw = TestMail.Build(subject: "Contract draft", text: "Please review the attached draft.", configure: builder =>
        {
            builder.Cc.Add(TestMail.Mailbox("carol@remote.example", "Carol"));
            builder.HtmlBody = "<p>Please review the <b>attached</b> draft.</p>";
            builder.AddAttachment("draft.pdf", "application/pdf", pdf);
        });
        var accepted = await services.Ingest.AcceptAsync(new MemoryStream(raw), new MessageEnvelope("sender@remote.example", ["alice@example.com"]));

        await services.Worker.RunOnceAsync(CancellationToken.None);

        var message = Assert.Single((await Harness.Store.ListMessagesAsync(alice.InboxFolder.Id, MessageQuery.All, new PageRequest())).Items);
        Assert.Equal(("Contract draft", raw.Length, Harness.Now()), (message.Summary.Subject, message.Size, message.InternalDate));
        Assert.Equal([new AddressSummary("Sender Name", "sender@remote.example")], message.Summary.From);
        Assert.Equal([new AddressSummary("Carol", "carol@remote.example")], message.Summary.Cc);
        Assert.StartsWith("Please review the attached draft.", message.Summary.Preview, StringComparison.Ordinal);
        var attachment = Assert.Single(message.Summary.Attachments);
        Assert.Equal(("draft.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType));
        MessageAssert.Summary(TestMail.Parse(raw).Summary, message.Summary);

        // The stored structure, read against the stored blob, decodes the parts without parsing the message again.
        var blob = await TestMail.ReadAllAsync(await Harness.Blobs.OpenReadAsync(message.BlobKey));
        Assert.Equal(raw, blob);
        var structure = MimeStructureCodec.Deserialize(message.Structure.Span, new MemoryMimeSource(blob));
        var parsed = MimeParser.Parse(blob);
        Assert.Equal(parsed.Root.Descendants().Select(e => (e.ContentType.MimeType, e.HeaderOffset, e.BodyOffset, e.EndOffset)),
            structure.Root.Descendants().Select(e => (e.ContentType.MimeType, e.HeaderOffset, e.BodyOffset, e.EndOffset)));
        Assert.Equal(pdf, Assert.Single(structure.Attachments).GetContent());
        Assert.Equal("Contract draft", structure.Subject);
        var ranged = await TestMail.ReadAllAsync(await Harness.Blobs.OpenRangeAsync(message.BlobKey, structure.TextBodyPart!.BodyOffset, structure.TextBodyPart.BodyLength));
        Assert.Equal(blob.AsSpan((int)structure.TextBodyPart.BodyOffset, (int)structure.TextBodyPart.BodyLength).ToArray(), ranged);
        Assert.Equal(accepted.Id + ":" + alice.Inbox.Id, message.DeliveryKey);
    }
}
