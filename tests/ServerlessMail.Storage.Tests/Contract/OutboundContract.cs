using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>IOutboundStore through <see cref="OutboundService"/>: quota, raw blob, Sent copy, queued record, status races.</summary>
public abstract partial class OutboundContract : StoreContract
{
    [Fact]
    public async Task ASubmissionStoresTheRawMessageASentCopyAndAQueuedRecord()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync();
        var raw = TestMail.Build("alice@example.com", "bob@remote.example", "Status update", messageId: "status-1@example.com");

        var result = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(raw), "alice@example.com", ["Bob@Remote.example", "carol@remote.example"], null);

        Assert.True(result.Accepted);
        var outbound = result.Outbound!;
        Assert.Equal((OutboundStatus.Queued, mailbox.AccountId, mailbox.Inbox.Id, "status-1@example.com"), (outbound.Status, outbound.AccountId, outbound.InboxId, outbound.MessageIdHeader));
        Assert.Equal(["bob@remote.example", "carol@remote.example"], outbound.Recipients);
        Assert.Equal(raw, await TestMail.ReadAllAsync(await Harness.Blobs.OpenReadAsync(outbound.BlobKey)));

        var stored = await Harness.Store.GetOutboundAsync(outbound.Id);
        Assert.NotNull(stored);
        AssertSameOutbound(outbound, stored);
        var sent = await Harness.Store.GetMessageAsync(outbound.SentMessageId);
        Assert.NotNull(sent);
        Assert.Equal((mailbox.FolderNamed("Sent").Id, MessageFlags.Seen, outbound.BlobKey, "Status update"), (sent.FolderId, sent.Flags, sent.BlobKey, sent.Summary.Subject));
        Assert.Equal(principal.TokenId, sent.Envelope.AuthenticatedAs);
        Assert.Equal([outbound.Id], (await Harness.Store.ListOutboundAsync(mailbox.Inbox.Id, new PageRequest())).Items.Select(o => o.Id));
        Assert.Equal([outbound.Id], (await Harness.Store.ListDueOutboundAsync(Harness.Now(), 10)).Select(o => o.Id));
        Assert.True(await services.RelaySignal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task AQuotaRefusalNamesTheLimitAndStoresNothing()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync(new QuotaLimits(SendsPerDay: 2, SendsPerMinute: null, StoredBytes: null));

        var result = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(TestMail.Build()), "alice@example.com", ["a@remote.example", "b@remote.example", "c@remote.example"], null);

        Assert.False(result.Accepted);
        Assert.Null(result.SentCopy);
        Assert.Equal((QuotaLimitKind.SendsPerDay, "account", 2L), (result.Quota.Limit, result.Quota.Scope, result.Quota.LimitValue));
        Assert.Contains("2 recipients per day", result.Quota.Describe(), StringComparison.Ordinal);
        Assert.Empty((await Harness.Store.ListOutboundAsync(mailbox.Inbox.Id, new PageRequest())).Items);
        Assert.Equal(0, (await Harness.ReloadAsync(mailbox.FolderNamed("Sent"))).Total);
        Assert.False(await services.RelaySignal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task TheSentCopyFollowsTheSentFolderWhenAClientRenamesIt()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync();
        await Harness.Store.RenameFolderAsync(mailbox.FolderNamed("Sent").Id, "Sent Items");
        await Harness.Store.CreateFolderAsync(services.Inboxes.NewFolder(mailbox.Inbox.Id, "Sent", SpecialUse.None, Harness.Now()));

        var result = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(TestMail.Build()), "alice@example.com", ["a@remote.example"], null);

        var copy = await Harness.Store.GetMessageAsync(result.Outbound!.SentMessageId);
        var folder = await Harness.Store.GetFolderAsync(copy!.FolderId);
        Assert.Equal(("Sent Items", SpecialUse.Sent), (folder!.Name, folder.SpecialUse));
    }

    [Fact]
    public async Task ARefusedSubmissionLeavesNoRawMessageBehind()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync(new QuotaLimits(SendsPerDay: 1, SendsPerMinute: null, StoredBytes: null));

        var result = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(TestMail.Build()), "alice@example.com", ["a@remote.example", "b@remote.example"], "refused-1");

        Assert.False(result.Accepted);
        var outboundId = Ids.FromKey(Ids.Outbound, mailbox.AccountId + "\n" + "refused-1");
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, () => Harness.Blobs.OpenReadAsync(BlobKeys.Outbound(outboundId, Harness.Now())));
    }

    [Fact]
    public async Task ASenderOverALimitIsRefusedBeforeItsMessageIsRead()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync(new QuotaLimits(SendsPerDay: 1, SendsPerMinute: null, StoredBytes: null));
        Assert.True((await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(TestMail.Build()), "alice@example.com", ["a@remote.example"], null)).Accepted);

        var refused = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new FailingStream([]), "alice@example.com", ["b@remote.example"], null);

        Assert.Equal((false, QuotaLimitKind.SendsPerDay), (refused.Accepted, refused.Quota.Limit));
    }

    [Fact]
    public async Task AMessageThatFailsOnTheWayInIsNotChargedToTheQuota()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync(new QuotaLimits(SendsPerDay: 1, SendsPerMinute: null, StoredBytes: null));

        var failed = await Assert.ThrowsAnyAsync<Exception>(() => services.Outbound.SubmitAsync(principal, mailbox.Inbox, new FailingStream(TestMail.Build()), "alice@example.com", ["a@remote.example"], null));
        Assert.IsType<IOException>(failed as IOException ?? failed.InnerException);
        var retried = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(TestMail.Build()), "alice@example.com", ["a@remote.example"], null);

        Assert.True(retried.Accepted);
        Assert.Single((await Harness.Store.ListOutboundAsync(mailbox.Inbox.Id, new PageRequest())).Items);
    }

    [Fact]
    public async Task AnIdempotencyKeyYieldsTheSameIdsAndChargesOnce()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, principal) = await SeedAsync(new QuotaLimits(SendsPerDay: 3, SendsPerMinute: null, StoredBytes: null));
        var raw = TestMail.Build("alice@example.com", "bob@remote.example");

        var first = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(raw), "alice@example.com", ["bob@remote.example", "carol@remote.example"], "send-42");
        var retry = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(raw), "alice@example.com", ["bob@remote.example", "carol@remote.example"], "send-42");

        Assert.True(retry.Accepted);
        Assert.Equal((first.Outbound!.Id, first.SentCopy!.Id), (retry.Outbound!.Id, retry.SentCopy!.Id));
        Assert.Equal(1, (await Harness.ReloadAsync(mailbox.FolderNamed("Sent"))).Total);
        Assert.Single((await Harness.Store.ListOutboundAsync(mailbox.Inbox.Id, new PageRequest())).Items);

        // Two of three recipients were charged once: one more fits, two more do not.
        var two = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(raw), "alice@example.com", ["a@remote.example", "b@remote.example"], "send-43");
        Assert.False(two.Accepted);
        var one = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(raw), "alice@example.com", ["a@remote.example"], "send-44");
        Assert.True(one.Accepted);
    }

    [Fact]
    public async Task AStoredIdempotencyKeyReturnsTheExistingRecord()
    {
        var (mailbox, _) = await SeedAsync();
        var other = await Harness.SeedMailboxAsync("carol", "other.example");
        var first = NewOutbound(mailbox, "key-1");
        var duplicate = NewOutbound(mailbox, "key-1");

        var created = await Harness.Store.CreateOutboundAsync(first);
        var returned = await Harness.Store.CreateOutboundAsync(duplicate);
        var different = await Harness.Store.CreateOutboundAsync(NewOutbound(mailbox, "key-2"));
        var otherAccount = await Harness.Store.CreateOutboundAsync(NewOutbound(other, "key-1"));

        AssertSameOutbound(first, created);
        AssertSameOutbound(first, returned);
        Assert.Null(await Harness.Store.GetOutboundAsync(duplicate.Id));
        Assert.NotEqual(first.Id, different.Id);
        Assert.Equal(other.AccountId, otherAccount.AccountId);
        Assert.Equal(2, (await Harness.Store.ListOutboundAsync(mailbox.Inbox.Id, new PageRequest())).Items.Count);
        Assert.Single((await Harness.Store.ListOutboundAsync(other.Inbox.Id, new PageRequest())).Items);
    }

    [Fact]
    public async Task StatusUpdatesAreConditionalSoOnlyOneOfTwoRacingRelaysWins()
    {
        var (mailbox, _) = await SeedAsync();
        for (var round = 0; round < 5; round++)
        {
            var queued = await Harness.Store.CreateOutboundAsync(NewOutbound(mailbox, null));
            var now = Harness.Now();
            OutboundEmail Sending(string relay) => queued with
            {
                Status = OutboundStatus.Sending, Attempts = 1, UpdatedAt = now,
                History = [.. queued.History, new OutboundEvent(now, OutboundStatus.Sending, relay)],
            };

            var wins = await Task.WhenAll(
                Task.Run(() => Harness.Store.TryUpdateOutboundAsync(Sending("relay-a"), OutboundStatus.Queued)),
                Task.Run(() => Harness.Store.TryUpdateOutboundAsync(Sending("relay-b"), OutboundStatus.Queued)));

            Assert.Equal(1, wins.Count(w => w));
            var stored = await Harness.Store.GetOutboundAsync(queued.Id);
            AssertSameOutbound(Sending(wins[0] ? "relay-a" : "relay-b"), stored!);
        }
    }

    [Fact]
    public async Task AStaleExpectedStatusChangesNothing()
    {
        var (mailbox, _) = await SeedAsync();
        var queued = await Harness.Store.CreateOutboundAsync(NewOutbound(mailbox, null));
        var sent = queued with { Status = OutboundStatus.Sent, ProviderMessageId = "ses-0001", UpdatedAt = Harness.Now() };

        Assert.False(await Harness.Store.TryUpdateOutboundAsync(sent, OutboundStatus.Sending));
        Assert.Equal(OutboundStatus.Queued, (await Harness.Store.GetOutboundAsync(queued.Id))?.Status);
        Assert.Null(await Harness.Store.FindOutboundByProviderIdAsync("ses-0001"));

        Assert.True(await Harness.Store.TryUpdateOutboundAsync(sent, OutboundStatus.Queued));
        AssertSameOutbound(sent, (await Harness.Store.FindOutboundByProviderIdAsync("ses-0001"))!);
        Assert.Null(await Harness.Store.FindOutboundByProviderIdAsync("ses-unknown"));
    }

    [Fact]
    public async Task OnlyQueuedMessagesThatAreDueAreListed()
    {
        var (mailbox, _) = await SeedAsync();
        var made = new List<OutboundEmail>();
        for (var i = 0; i < 4; i++)
        {
            made.Add(await Harness.Store.CreateOutboundAsync(NewOutbound(mailbox, null)));
            Harness.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await Harness.Store.TryUpdateOutboundAsync(made[0] with { Status = OutboundStatus.Sent }, OutboundStatus.Queued);
        await Harness.Store.TryUpdateOutboundAsync(made[2] with { NextAttemptAt = Harness.Now().AddMinutes(10), Attempts = 1 }, OutboundStatus.Queued);

        Assert.Equal([made[1].Id, made[3].Id], (await Harness.Store.ListDueOutboundAsync(Harness.Now(), 10)).Select(o => o.Id));
        Assert.Equal([made[1].Id], (await Harness.Store.ListDueOutboundAsync(Harness.Now(), 1)).Select(o => o.Id));
        Assert.Equal([made[1].Id, made[2].Id, made[3].Id], (await Harness.Store.ListDueOutboundAsync(Harness.Now().AddMinutes(10), 10)).Select(o => o.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ASendingMessageIsListedAsDueOnlyOnceItsClaimLeaseHasEnded()
    {
        var (mailbox, _) = await SeedAsync();
        var queued = await Harness.Store.CreateOutboundAsync(NewOutbound(mailbox, null));
        var leaseEnd = Harness.Now().AddMinutes(10);
        var claimed = Claim(queued, 1, leaseEnd, "attempt 1");
        Assert.True(await Harness.Store.TryUpdateOutboundAsync(claimed, OutboundStatus.Queued, 0));

        Assert.Empty(await Harness.Store.ListDueOutboundAsync(Harness.Now(), 10));
        Assert.Empty(await Harness.Store.ListDueOutboundAsync(leaseEnd.AddSeconds(-1), 10));
        AssertSameOutbound(claimed, Assert.Single(await Harness.Store.ListDueOutboundAsync(leaseEnd, 10)));

        // Recording an outcome takes it off the due list for good.
        var sent = claimed with { Status = OutboundStatus.Sent, ProviderMessageId = "ses-lease-1" };
        Assert.True(await Harness.Store.TryUpdateOutboundAsync(sent, OutboundStatus.Sending, 1));
        Assert.Empty(await Harness.Store.ListDueOutboundAsync(leaseEnd.AddDays(1), 10));
    }

    [Fact]
    public async Task AnExpiredClaimIsTakenOverByExactlyOneOfTwoWorkers()
    {
        var (mailbox, _) = await SeedAsync();
        for (var round = 0; round < 5; round++)
        {
            var queued = await Harness.Store.CreateOutboundAsync(NewOutbound(mailbox, null));
            var stranded = Claim(queued, 1, Harness.Now(), "attempt 1");
            Assert.True(await Harness.Store.TryUpdateOutboundAsync(stranded, OutboundStatus.Queued, 0));
            var leaseEnd = Harness.Now().AddMinutes(10);

            // Both workers listed the stranded claim; each takes it over expecting (sending, 1 attempt).
            var wins = await Task.WhenAll(
                Task.Run(() => Harness.Store.TryUpdateOutboundAsync(Claim(stranded, 2, leaseEnd, "worker-a"), OutboundStatus.Sending, 1)),
                Task.Run(() => Harness.Store.TryUpdateOutboundAsync(Claim(stranded, 2, leaseEnd, "worker-b"), OutboundStatus.Sending, 1)));

            Assert.Equal(1, wins.Count(w => w));
            AssertSameOutbound(Claim(stranded, 2, leaseEnd, wins[0] ? "worker-a" : "worker-b"), (await Harness.Store.GetOutboundAsync(queued.Id))!);

            // The first worker, back late, cannot record over the claim that took over.
            Assert.False(await Harness.Store.TryUpdateOutboundAsync(stranded with { Status = OutboundStatus.Sent }, OutboundStatus.Sending, 1));
            var current = await Harness.Store.GetOutboundAsync(queued.Id);
            Assert.Equal((OutboundStatus.Sending, 2), (current!.Status, current.Attempts));
        }
    }

    [Fact]
    public async Task OutboundListsNewestFirstAcrossPages()
    {
        var (mailbox, _) = await SeedAsync();
        var sibling = await Harness.SeedSiblingAsync(mailbox, "bob");
        var made = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await Harness.Store.CreateOutboundAsync(NewOutbound(mailbox, null))).Id);
            await Harness.Store.CreateOutboundAsync(NewOutbound(sibling, null));
            Harness.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var listed = await StoreFixtures.DrainAsync(page => Harness.Store.ListOutboundAsync(mailbox.Inbox.Id, page), limit: 2);

        made.Reverse();
        Assert.Equal(made, listed.Select(o => o.Id));
    }

    [Fact]
    public async Task SendingNeedsThePermissionAndTheInbox()
    {
        using var services = new StoreServices(Harness);
        var (mailbox, _) = await SeedAsync();
        var sibling = await Harness.SeedSiblingAsync(mailbox, "bob");
        var reader = new Principal(mailbox.AccountId, "tok_reader", null, TokenPermissions.Read);
        var scoped = new Principal(mailbox.AccountId, "tok_scoped", sibling.Inbox.Id, TokenPermissions.Send);

        await StoreFixtures.AssertErrorAsync(MailStoreError.NotAllowed, () => services.Outbound.SubmitAsync(reader, mailbox.Inbox, new MemoryStream(TestMail.Build()), "alice@example.com", ["b@remote.example"], null));
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, () => services.Outbound.SubmitAsync(scoped, mailbox.Inbox, new MemoryStream(TestMail.Build()), "alice@example.com", ["b@remote.example"], null));
        Assert.Empty((await Harness.Store.ListOutboundAsync(mailbox.Inbox.Id, new PageRequest())).Items);
    }

    private static void AssertSameOutbound(OutboundEmail expected, OutboundEmail actual)
    {
        Assert.Equal(expected with { Recipients = [], History = [] }, actual with { Recipients = [], History = [] });
        Assert.Equal(expected.Recipients, actual.Recipients);
        Assert.Equal(expected.History, actual.History);
    }

    /// <summary>What a relay worker's claim writes: sending, one more attempt, a lease ending at <paramref name="leaseEnd"/>.</summary>
    private OutboundEmail Claim(OutboundEmail outbound, int attempts, DateTimeOffset leaseEnd, string detail) => outbound with
    {
        Status = OutboundStatus.Sending,
        Attempts = attempts,
        NextAttemptAt = leaseEnd,
        UpdatedAt = Harness.Now(),
        History = [.. outbound.History, new OutboundEvent(Harness.Now(), OutboundStatus.Sending, detail)],
    };

    private OutboundEmail NewOutbound(Mailbox mailbox, string? idempotencyKey)
    {
        var now = Harness.Now();
        var id = Ids.New(Ids.Outbound, Harness.Clock);
        return new OutboundEmail(
            id, mailbox.AccountId, mailbox.Inbox.Id, Ids.New(Ids.Message, Harness.Clock), "m@example.com", BlobKeys.Outbound(id, now),
            mailbox.Inbox.Address, ["bob@remote.example"], OutboundStatus.Queued, null, [new OutboundEvent(now, OutboundStatus.Queued, null)],
            0, now, now, now, idempotencyKey);
    }

    private async Task<(Mailbox Mailbox, Principal Principal)> SeedAsync(QuotaLimits? limits = null)
    {
        var mailbox = await Harness.SeedMailboxAsync(accountLimits: limits);
        return (mailbox, new Principal(mailbox.AccountId, Ids.New(Ids.Token, Harness.Clock), null, TokenPermissions.Read | TokenPermissions.Send));
    }

    /// <summary>A client connection that drops halfway through the message.</summary>
    private sealed class FailingStream(byte[] content) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= Length / 2 ? throw new IOException("The connection was reset.") : base.Read(buffer, offset, Math.Min(count, 16));

        public override int Read(Span<byte> buffer) =>
            Position >= Length / 2 ? throw new IOException("The connection was reset.") : base.Read(buffer[..Math.Min(buffer.Length, 16)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));
    }
}
