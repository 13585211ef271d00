using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>
/// A blob shared by a message and a pending record outlives the message: expunges and deletions return a key only when
/// no message, no unsent outbound record and no undelivered accepted record needs it, and callers delete only those.
/// </summary>
public abstract class BlobLifetimeContract : StoreContract
{
    [Fact]
    public async Task ExpungingTheSentCopyOfAQueuedMessageKeepsTheRawMessageForTheRelay()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync();
        var raw = TestMail.Build("alice@example.com", "bob@remote.example", "Expunged too soon");
        var outbound = await SubmitAsync(services, mailbox, principal, raw);

        await PurgeAsync(await Harness.Store.ExpungeAsync([outbound.SentMessageId]));

        Assert.Equal(0, (await Harness.ReloadAsync(mailbox.FolderNamed("Sent"))).Total);
        Assert.Equal(raw, await TestMail.ReadAllAsync(await Harness.Blobs.OpenReadAsync(outbound.BlobKey)));
        await AssertRelayedAsync(services, outbound);
    }

    [Fact]
    public async Task DeletingTheSendersInboxKeepsTheRawMessageOfAQueuedSend()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync();
        var raw = TestMail.Build("alice@example.com", "bob@remote.example", "Sent, then the inbox went");
        var outbound = await SubmitAsync(services, mailbox, principal, raw);

        await services.Inboxes.DeleteAsync(principal, mailbox.Inbox.Id, purge: true);

        Assert.Null(await Harness.Store.GetInboxAsync(mailbox.Inbox.Id));
        Assert.Equal(raw, await TestMail.ReadAllAsync(await Harness.Blobs.OpenReadAsync(outbound.BlobKey)));
        await AssertRelayedAsync(services, outbound);
    }

    [Fact]
    public async Task OnceTheMessageIsRelayedExpungingItsSentCopyFreesTheBlob()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync();
        var outbound = await SubmitAsync(services, mailbox, principal, TestMail.Build());
        await AssertRelayedAsync(services, outbound);

        Assert.Equal([outbound.BlobKey], await Harness.Store.ExpungeAsync([outbound.SentMessageId]));
    }

    [Fact]
    public async Task ExpungingADeliveredCopyKeepsTheRawMessageWhileAnotherRecipientIsPending()
    {
        using var services = new StoreServices(Harness);
        var alice = await Harness.SeedMailboxAsync(inboxLimits: new QuotaLimits(null, null, StoredBytes: 100));
        var bob = await Harness.SeedSiblingAsync(alice, "bob");
        var raw = TestMail.Build("s@remote.example", "alice@example.com", "Two recipients");
        var accepted = await services.Ingest.AcceptAsync(new MemoryStream(raw), new MessageEnvelope("s@remote.example", ["alice@example.com", "bob@example.com"]));
        await services.Worker.RunOnceAsync(CancellationToken.None);
        var bobsCopy = Assert.Single((await Harness.Store.ListMessagesAsync(bob.InboxFolder.Id, new MessageQuery(), new PageRequest())).Items);
        Assert.Equal(IngestState.Accepted, (await Harness.Store.GetAcceptedAsync(accepted.Id))?.State);

        // Bob expunges his copy while alice's inbox is still over its quota: the accepted record still needs the blob.
        await PurgeAsync(await Harness.Store.ExpungeAsync([bobsCopy.Id]));
        await Harness.Store.UpdateInboxAsync(alice.Inbox with { Limits = QuotaLimits.Unlimited });
        Harness.Clock.Advance(MailIngestService.Backoff(1));
        Assert.Equal(1, await services.Worker.RunOnceAsync(CancellationToken.None));

        Assert.Equal(IngestState.Delivered, (await Harness.Store.GetAcceptedAsync(accepted.Id))?.State);
        var alicesCopy = Assert.Single((await Harness.Store.ListMessagesAsync(alice.InboxFolder.Id, new MessageQuery(), new PageRequest())).Items);
        Assert.Equal(raw, await TestMail.ReadAllAsync(await Harness.Blobs.OpenReadAsync(alicesCopy.BlobKey)));

        // Delivered to everyone: expunging the copies left frees the blob. (The retry delivered bob a copy again: his
        // expunge removed the delivery key that made the replay skip him.)
        var left = (await Harness.Store.ListMessagesAsync(bob.InboxFolder.Id, new MessageQuery(), new PageRequest())).Items.Select(m => m.Id);
        Assert.Equal([accepted.BlobKey], await Harness.Store.ExpungeAsync([alicesCopy.Id, .. left]));
    }

    /// <summary>What a purging caller does with the keys a store returns.</summary>
    private async Task PurgeAsync(IReadOnlyList<string> orphans)
    {
        Assert.Empty(orphans);
        foreach (var key in orphans)
        {
            await Harness.Blobs.DeleteAsync(key);
        }
    }

    /// <summary>The relay worker, on the same store, reads the raw message and records the message as sent.</summary>
    private async Task AssertRelayedAsync(StoreServices services, OutboundEmail outbound)
    {
        var worker = new RelayWorker(Harness.Store, Harness.Blobs, services.Ingest, services.Recipients, new LocalCaptureRelay(), services.RelaySignal, Harness.Clock);
        Assert.Equal(1, await worker.RunOnceAsync(CancellationToken.None));
        var relayed = await Harness.Store.GetOutboundAsync(outbound.Id);
        Assert.Equal((OutboundStatus.Sent, LocalCaptureRelay.ProviderIdPrefix + outbound.Id), (relayed?.Status, relayed?.ProviderMessageId));
    }

    private static async Task<OutboundEmail> SubmitAsync(StoreServices services, Mailbox mailbox, Principal principal, byte[] raw)
    {
        var result = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(raw), mailbox.Inbox.Address, ["bob@remote.example"], null);
        Assert.True(result.Accepted);
        return result.Outbound!;
    }

    private async Task<(Mailbox Mailbox, Principal Principal)> SeedAsync()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        return (mailbox, new Principal(mailbox.AccountId, Ids.New(Ids.Token, Harness.Clock), null, TokenPermissions.All));
    }
}
