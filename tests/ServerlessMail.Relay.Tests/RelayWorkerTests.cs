using System.Text;
using ServerlessMail.Core;
using ServerlessMail.Relay.Smtp;

namespace ServerlessMail.Relay.Tests;

/// <summary>The relay worker end to end over the real embedded store, with the smarthost peer or local capture as relay.</summary>
public sealed class RelayWorkerTests
{
    private static string Raw(string to, string subject, string body = "Hello.\r\n") =>
        $"From: Alice <alice@example.test>\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\n\r\n{body}";

    [Fact]
    public async Task ATemporaryFailure_IsRetriedWithBackoff_ThenSentOnce()
    {
        await using var world = await MailWorld.CreateAsync();
        await using var peer = await SmtpPeer.StartAsync();
        var worker = world.Worker(new SmarthostRelay(peer.Options()));
        var outbound = await world.SubmitAsync(Raw("flaky@remote.test", "retry me"), "flaky@remote.test");
        var start = world.Clock.GetUtcNow();

        Assert.Equal(1, await worker.RunOnceAsync(default));
        var queued = await world.ReloadAsync(outbound);
        Assert.Equal(OutboundStatus.Queued, queued.Status);
        Assert.Equal(1, queued.Attempts);
        Assert.Equal(start + MailIngestService.Backoff(1), queued.NextAttemptAt);
        Assert.Contains("451 4.3.0", queued.History[^1].Detail, StringComparison.Ordinal);

        // Not due yet: nothing is attempted, however often the worker is woken.
        Assert.Equal(0, await worker.RunOnceAsync(default));
        world.Clock.Advance(MailIngestService.Backoff(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await worker.RunOnceAsync(default));
        world.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await worker.RunOnceAsync(default));

        var sent = await world.ReloadAsync(outbound);
        Assert.Equal(OutboundStatus.Sent, sent.Status);
        Assert.Equal("Q001", sent.ProviderMessageId);
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(
            [OutboundStatus.Queued, OutboundStatus.Sending, OutboundStatus.Queued, OutboundStatus.Sending, OutboundStatus.Sent],
            sent.History.Select(h => h.Status));
        Assert.Single(peer.Messages());
        Assert.Equal(0, await worker.RunOnceAsync(default));
    }

    [Theory]
    [InlineData("reject@remote.test", "550 5.1.1 <reject@remote.test>: Recipient address rejected")]
    [InlineData("datareject@remote.test", "end of DATA: 554 5.6.0 Message content refused")]
    public async Task ASmarthostRefusingEveryRecipientForGood_IsABounceWithTheRemoteReply(string recipient, string reply)
    {
        await using var world = await MailWorld.CreateAsync();
        await using var peer = await SmtpPeer.StartAsync();
        var outbound = await world.SubmitAsync(Raw(recipient, "bounce"), recipient);

        await world.Worker(new SmarthostRelay(peer.Options())).RunOnceAsync(default);

        var bounced = await world.ReloadAsync(outbound);
        Assert.Equal(OutboundStatus.Bounced, bounced.Status);
        Assert.Null(bounced.ProviderMessageId);
        Assert.Equal(OutboundStatus.Bounced, bounced.History[^1].Status);
        Assert.Contains(reply, bounced.History[^1].Detail, StringComparison.Ordinal);
        Assert.Empty(peer.Messages());
    }

    [Fact]
    public async Task ARelayRefusingTheMessageItself_IsFailedNotBounced()
    {
        // The smarthost's SIZE limit refuses this message whoever it is for: our own permanent failure.
        await using var world = await MailWorld.CreateAsync();
        await using var peer = await SmtpPeer.StartAsync("starttls", "--size", "64");
        var outbound = await world.SubmitAsync(Raw("carol@remote.test", "too big", new string('x', 200) + "\r\n"), "carol@remote.test");

        await world.Worker(new SmarthostRelay(peer.Options())).RunOnceAsync(default);

        var failed = await world.ReloadAsync(outbound);
        Assert.Equal(OutboundStatus.Failed, failed.Status);
        Assert.Contains("552 5.3.4", failed.History[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostedRecipientDelivered_KeepsAnExternalBounceAtSent()
    {
        await using var world = await MailWorld.CreateAsync();
        await using var peer = await SmtpPeer.StartAsync();
        var outbound = await world.SubmitAsync(Raw("bob@example.test, reject@remote.test", "mixed"), "bob@example.test", "reject@remote.test");

        await world.Worker(new SmarthostRelay(peer.Options())).RunOnceAsync(default);

        var sent = await world.ReloadAsync(outbound);
        Assert.Equal(OutboundStatus.Sent, sent.Status);
        Assert.Contains("550 5.1.1 <reject@remote.test>", sent.History[^1].Detail, StringComparison.Ordinal);
        Assert.Contains("delivered locally to bob@example.test", sent.History[^1].Detail, StringComparison.Ordinal);
        Assert.Single(await world.InboxMessagesAsync(world.Bob));
    }

    [Fact]
    public async Task ASentCopyExpungedAfterAnAttempt_IsNotWrittenAgainByALaterOne()
    {
        await using var world = await MailWorld.CreateAsync();
        await using var peer = await SmtpPeer.StartAsync();
        var worker = world.Worker(new SmarthostRelay(peer.Options()));
        var outbound = await world.SubmitAsync(Raw("flaky@remote.test", "delete my copy"), "flaky@remote.test");
        await worker.RunOnceAsync(default);

        await world.Store.ExpungeAsync([outbound.SentMessageId]);
        world.Clock.Advance(MailIngestService.Backoff(1));
        await worker.RunOnceAsync(default);

        Assert.Equal(OutboundStatus.Sent, (await world.ReloadAsync(outbound)).Status);
        Assert.Null(await world.Store.GetMessageAsync(outbound.SentMessageId));
        var sent = await world.Store.FindFolderAsync(world.Alice.Id, "Sent");
        Assert.Equal(0, sent!.Total);
    }

    [Fact]
    public async Task TemporaryFailures_GiveUpAfterTheAttemptBudget()
    {
        await using var world = await MailWorld.CreateAsync();
        await using var peer = await SmtpPeer.StartAsync();
        var worker = world.Worker(new SmarthostRelay(peer.Options()), new RelayOptions { MaxAttempts = 2 });
        var outbound = await world.SubmitAsync(Raw("temp@remote.test", "never"), "temp@remote.test");

        await worker.RunOnceAsync(default);
        world.Clock.Advance(TimeSpan.FromHours(1));
        await worker.RunOnceAsync(default);

        var failed = await world.ReloadAsync(outbound);
        Assert.Equal(OutboundStatus.Failed, failed.Status);
        Assert.StartsWith("gave up after 2 attempts: smarthost: RCPT TO <temp@remote.test>: 450 4.2.1", failed.History[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRelayedMessage_IsCleaned_AndTheEnvelopeKeepsTheBccRecipient()
    {
        await using var world = await MailWorld.CreateAsync();
        await using var peer = await SmtpPeer.StartAsync();
        var raw = "From: alice@example.test\nTo: carol@remote.test\nBcc: dave@remote.test,\n  erin@remote.test\nSubject: clean\n\n" +
            "bare LF\nbare CR\r.dot line\r\nend\r\n";
        var outbound = await world.SubmitAsync(raw, "carol@remote.test", "dave@remote.test", "erin@remote.test");

        await world.Worker(new SmarthostRelay(peer.Options())).RunOnceAsync(default);

        Assert.Equal(OutboundStatus.Sent, (await world.ReloadAsync(outbound)).Status);
        var (received, envelope) = Assert.Single(peer.Messages());
        Assert.Equal(
            "From: alice@example.test\r\nTo: carol@remote.test\r\nSubject: clean\r\n\r\nbare LF\r\nbare CR\r\n.dot line\r\nend\r\n",
            Encoding.UTF8.GetString(received));
        Assert.Equal(
            ["carol@remote.test", "dave@remote.test", "erin@remote.test"],
            envelope.GetProperty("rcpt").EnumerateArray().Select(e => e.GetString()));

        // The sender's Sent copy is the message as submitted, Bcc and all; the cleaned copy was only for the relay.
        await using var original = await world.Blobs.OpenReadAsync(outbound.BlobKey);
        Assert.Contains("Bcc: dave@remote.test", await new StreamReader(original).ReadToEndAsync(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<MailStoreException>(() => world.Blobs.OpenReadAsync(RelayWorker.CleanedKey(outbound.BlobKey)));
    }

    [Fact]
    public async Task HostedOnlyMail_IsDeliveredLocally_WithNoExternalHop()
    {
        await using var world = await MailWorld.CreateAsync();
        await using var peer = await SmtpPeer.StartAsync();
        var outbound = await world.SubmitAsync(Raw("bob@example.test", "internal") , "bob@example.test");

        await world.Worker(new SmarthostRelay(peer.Options())).RunOnceAsync(default);

        var delivered = await world.ReloadAsync(outbound);
        Assert.Equal(OutboundStatus.Delivered, delivered.Status);
        Assert.Null(delivered.ProviderMessageId);
        Assert.Equal((OutboundStatus.Delivered, "delivered locally to bob@example.test"), (delivered.History[^1].Status, delivered.History[^1].Detail));
        Assert.Contains("Subject: internal", Assert.Single(await world.InboxMessagesAsync(world.Bob)), StringComparison.Ordinal);
        Assert.Empty(peer.Messages());
    }

    [Fact]
    public async Task AnUnknownHostedAddress_FailsWithoutLeavingTheMachine()
    {
        await using var world = await MailWorld.CreateAsync();
        await using var peer = await SmtpPeer.StartAsync();
        var outbound = await world.SubmitAsync(Raw("nobody@example.test", "lost"), "nobody@example.test");

        await world.Worker(new SmarthostRelay(peer.Options())).RunOnceAsync(default);

        var failed = await world.ReloadAsync(outbound);
        Assert.Equal(OutboundStatus.Failed, failed.Status);
        Assert.Equal("550 5.1.1 no hosted inbox for nobody@example.test; not relayed", failed.History[^1].Detail);
        Assert.Empty(peer.Messages());
    }

    [Fact]
    public async Task LocalCapture_RecordsTheMessageAsSent_ListedThroughTheStore()
    {
        await using var world = await MailWorld.CreateAsync();
        var outbound = await world.SubmitAsync(Raw("carol@remote.test", "captured"), "carol@remote.test");

        Assert.Equal(1, await world.Worker(new LocalCaptureRelay()).RunOnceAsync(default));

        var listed = Assert.Single((await world.Store.ListOutboundAsync(world.Alice.Id, new PageRequest())).Items);
        Assert.Equal(outbound.Id, listed.Id);
        Assert.Equal(OutboundStatus.Sent, listed.Status);
        Assert.Equal(LocalCaptureRelay.ProviderIdPrefix + outbound.Id, listed.ProviderMessageId);
        Assert.Contains("nothing left this machine", listed.History[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClaimLeftInSendingByAKilledWorker_IsRelayedExactlyOnce_AfterItsLease()
    {
        await using var world = await MailWorld.CreateAsync();
        await using var peer = await SmtpPeer.StartAsync();
        var options = new RelayOptions { ClaimLease = TimeSpan.FromMinutes(10) };
        var outbound = await world.SubmitAsync(Raw("carol@remote.test", "stranded"), "carol@remote.test");

        // A worker killed mid-send, as far as the store can tell: it claimed the message, and its relay never answers.
        var killed = new NeverAnsweringRelay();
        _ = world.Worker(killed, options).RunOnceAsync(default);
        await killed.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var stranded = await world.ReloadAsync(outbound);
        Assert.Equal((OutboundStatus.Sending, 1), (stranded.Status, stranded.Attempts));

        var first = world.Worker(new SmarthostRelay(peer.Options()), options);
        var second = world.Worker(new SmarthostRelay(peer.Options()), options);
        Assert.Equal(0, await first.RunOnceAsync(default));
        world.Clock.Advance(options.ClaimLease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await first.RunOnceAsync(default));

        // The lease ends: two workers race for the stranded claim, and exactly one takes it over and sends.
        world.Clock.Advance(TimeSpan.FromSeconds(1));
        var attempted = await Task.WhenAll(Task.Run(() => first.RunOnceAsync(default)), Task.Run(() => second.RunOnceAsync(default)));

        Assert.Equal(1, attempted.Sum());
        var sent = await world.ReloadAsync(outbound);
        Assert.Equal((OutboundStatus.Sent, "Q001", 2), (sent.Status, sent.ProviderMessageId, sent.Attempts));
        Assert.Equal(
            [OutboundStatus.Queued, OutboundStatus.Sending, OutboundStatus.Sending, OutboundStatus.Sending, OutboundStatus.Sent],
            sent.History.Select(h => h.Status));
        Assert.StartsWith("attempt 1: outcome unknown", sent.History[2].Detail, StringComparison.Ordinal);
        Assert.Equal("attempt 2 via smarthost", sent.History[3].Detail);
        Assert.Single(peer.Messages());
        world.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await first.RunOnceAsync(default) + await second.RunOnceAsync(default));
    }

    [Fact]
    public async Task RunAsync_IsWokenBySubmissionAndStopsCleanly()
    {
        await using var world = await MailWorld.CreateAsync();
        var worker = world.Worker(new LocalCaptureRelay(), new RelayOptions { PollInterval = TimeSpan.FromHours(1) });
        var relayed = new TaskCompletionSource<OutboundEmail>(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Relayed += relayed.SetResult;
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);

        var outbound = await world.SubmitAsync(Raw("carol@remote.test", "wake up"), "carol@remote.test");
        world.RelaySignal.Notify();

        // The poll interval is an hour: only the signal can have woken the worker.
        Assert.Equal(outbound.Id, (await relayed.Task.WaitAsync(TimeSpan.FromSeconds(60))).Id);
        await stop.CancelAsync();
        await running;
    }

    /// <summary>Takes the message and never answers, like a relay call cut off by the process being killed.</summary>
    private sealed class NeverAnsweringRelay : IMailRelay
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "never-answering";

        public Task<RelayResult> SendAsync(RelayMessage message, CancellationToken cancellationToken = default)
        {
            Reached.TrySetResult();
            return new TaskCompletionSource<RelayResult>().Task;
        }
    }
}
