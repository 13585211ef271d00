using System.Text;
using ServerlessMail.Core;

namespace ServerlessMail.Relay.Tests;

/// <summary>The relay worker over the real embedded store with SES as the relay, pointed at aws-ses-v2-local.</summary>
[Collection(SesLocalGroup.Name)]
public sealed class RelayWorkerSesTests(SesLocal ses) : IAsyncLifetime
{
    public Task InitializeAsync() => ses.ClearAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task HostedAndExternalRecipients_HostedDeliveredLocally_ExternalSentOnceThroughSes_BccStripped()
    {
        await using var world = await MailWorld.CreateAsync();
        var handler = new PayloadCheckingHandler();
        var raw = "From: Alice <alice@example.test>\r\nTo: bob@example.test, carol@remote.test\r\nBcc: dave@remote.test\r\n" +
            "Subject: Launch plan\r\nMessage-ID: <launch@example.test>\r\n\r\nThe plan.\nSecond line.\r\n";
        var outbound = await world.SubmitAsync(raw, "bob@example.test", "carol@remote.test", "dave@remote.test");

        Assert.Equal(1, await world.Worker(SesClients.Relay(ses.Endpoint, handler)).RunOnceAsync(default));

        var email = Assert.Single(await ses.EmailsAsync());
        var sent = await world.ReloadAsync(outbound);
        Assert.Equal(OutboundStatus.Sent, sent.Status);
        Assert.Equal(email.GetProperty("messageId").GetString(), sent.ProviderMessageId);
        Assert.Equal([OutboundStatus.Queued, OutboundStatus.Sending, OutboundStatus.Sent], sent.History.Select(h => h.Status));
        Assert.Contains("delivered locally to bob@example.test", sent.History[^1].Detail, StringComparison.Ordinal);
        Assert.Equal(sent.Id, (await world.Store.FindOutboundByProviderIdAsync(sent.ProviderMessageId!))?.Id);

        // What SES got: the cleaned message (no Bcc, CRLF only) for the two external recipients, Bcc ones included.
        const string cleaned = "From: Alice <alice@example.test>\r\nTo: bob@example.test, carol@remote.test\r\n" +
            "Subject: Launch plan\r\nMessage-ID: <launch@example.test>\r\n\r\nThe plan.\r\nSecond line.\r\n";
        var body = Assert.Single(handler.Bodies);
        Assert.Equal(cleaned, Encoding.UTF8.GetString(body.GetProperty("Content").GetProperty("Raw").GetProperty("Data").GetBytesFromBase64()));
        Assert.Equal(["carol@remote.test", "dave@remote.test"], body.GetProperty("Destination").GetProperty("ToAddresses").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Launch plan", email.GetProperty("subject").GetString());
        Assert.Empty(email.GetProperty("destination").GetProperty("bcc").EnumerateArray());

        // Bob's copy came with no external hop, and is the same cleaned message.
        Assert.Equal(cleaned, Assert.Single(await world.InboxMessagesAsync(world.Bob)));
    }

    [Fact]
    public async Task TwoConcurrentWorkers_NeverSendAMessageTwice()
    {
        await using var world = await MailWorld.CreateAsync();
        const int count = 8;
        var submitted = new List<OutboundEmail>();
        for (var i = 0; i < count; i++)
        {
            submitted.Add(await world.SubmitAsync($"From: alice@example.test\r\nTo: carol@remote.test\r\nSubject: race {i}\r\n\r\nbody {i}\r\n", "carol@remote.test"));
        }

        var first = world.Worker(SesClients.Relay(ses.Endpoint, new SocketsHttpHandler()), new RelayOptions { BatchSize = count });
        var second = world.Worker(SesClients.Relay(ses.Endpoint, new SocketsHttpHandler()), new RelayOptions { BatchSize = count });
        var attempted = await Task.WhenAll(first.RunOnceAsync(default), second.RunOnceAsync(default));

        Assert.Equal(count, attempted.Sum());
        var emails = await ses.EmailsAsync();
        Assert.Equal(count, emails.Count);
        Assert.Equal(count, emails.Select(e => e.GetProperty("subject").GetString()).Distinct().Count());
        foreach (var outbound in submitted)
        {
            var sent = await world.ReloadAsync(outbound);
            Assert.Equal(OutboundStatus.Sent, sent.Status);
            Assert.Equal(1, sent.Attempts);
            Assert.Single(sent.History, h => h.Status == OutboundStatus.Sending);
        }
    }

    [Fact]
    public async Task Throttling_PausesThePass_AndKeepsEveryMessageQueued()
    {
        await using var world = await MailWorld.CreateAsync();
        var throttling = new FakeSesHandler(429, "TooManyRequestsException", "{\"message\":\"Maximum sending rate exceeded.\"}", TimeSpan.FromMinutes(2));
        var worker = world.Worker(SesClients.Relay(ses.Endpoint, throttling));
        var submitted = new List<OutboundEmail>();
        for (var i = 0; i < 3; i++)
        {
            submitted.Add(await world.SubmitAsync($"From: alice@example.test\r\nTo: carol@remote.test\r\nSubject: t{i}\r\n\r\nx\r\n", "carol@remote.test"));
        }

        Assert.Equal(1, await worker.RunOnceAsync(default));
        Assert.Equal(0, await worker.RunOnceAsync(default));
        Assert.Equal(1, throttling.Requests);

        var records = await Task.WhenAll(submitted.Select(world.ReloadAsync));
        Assert.All(records, r => Assert.Equal(OutboundStatus.Queued, r.Status));
        var throttled = Assert.Single(records, r => r.Attempts == 1);
        Assert.Equal(world.Clock.GetUtcNow() + TimeSpan.FromMinutes(2), throttled.NextAttemptAt);

        world.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await worker.RunOnceAsync(default));
    }
}
