using ServerlessMail.Core;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>
/// The real <c>serverlessmail serve</c> with the embedded store and the default local-capture relay, driven from
/// outside: inboxes and tokens made with the CLI while it runs, mail sent with python's smtplib, the store read from
/// its data directory, and a SIGTERM to stop it.
/// </summary>
public sealed class LocalServerTests
{
    [Fact]
    public async Task ATokenSendsFromOneHostedInboxToAnother_TheRecipientsInboxAndTheSendersSentFolderHaveIt()
    {
        await using var server = await ServeProcess.StartAsync();
        var created = await Operator.CreateInboxAsync(server, "alice@hosted.test");
        Assert.StartsWith("alice@hosted.test\n", created, StringComparison.Ordinal);
        Assert.Contains("admin token (shown once): sm_", created, StringComparison.Ordinal);
        await Operator.CreateInboxAsync(server, "bob@hosted.test");
        var token = await Operator.CreateTokenAsync(server, "alice@hosted.test");

        var outcome = await SmtpClient.SubmitAsync(server, "alice@hosted.test", token, Operator.Message("alice@hosted.test", "bob@hosted.test", "Lunch at noon"), "bob@hosted.test");

        Assert.True(outcome.Ok, $"{outcome.Code} {outcome.Reply}\n{server.Log}");
        Assert.StartsWith("2.0.0 Ok: queued as out_", outcome.Reply, StringComparison.Ordinal);
        await using var reader = await StoreReader.OpenAsync(server);
        var received = await StoreReader.EventuallyAsync(() => reader.MessagesAsync("bob@hosted.test", "INBOX"), m => m.Count > 0, "bob's INBOX");
        Assert.Equal("Lunch at noon", Assert.Single(received).Summary.Subject);
        var sent = Assert.Single(await reader.MessagesAsync("alice@hosted.test", "Sent"));
        Assert.Equal("Lunch at noon", sent.Summary.Subject);
        var outbound = await StoreReader.EventuallyAsync(() => reader.OutboundAsync("alice@hosted.test"), o => o.Count == 1 && o[0].Status == OutboundStatus.Delivered, "the outbound record to be delivered");
        Assert.Equal(sent.Id, outbound[0].SentMessageId);
        Assert.Empty(await reader.MessagesAsync("alice@hosted.test", "INBOX"));

        Assert.Equal(0, await server.StopAsync());
    }

    [Fact]
    public async Task ADailyLimitReached_IsRefusedOverSmtpWithTheLimitAndItsReset_AndNothingIsStoredForTheRefusal()
    {
        await using var server = await ServeProcess.StartAsync();
        var created = await Operator.CreateInboxAsync(server, "carol@hosted.test", "--sends-per-day", "2");
        Assert.Contains("sends/day 2", created, StringComparison.Ordinal);
        var token = await Operator.CreateTokenAsync(server, "carol@hosted.test");

        // Two recipients use the day's two units (the daily limit counts recipients); the next message is refused.
        var first = await SmtpClient.SubmitAsync(server, "carol@hosted.test", token, Operator.Message("carol@hosted.test", "x@remote.test, y@remote.test", "first"), "x@remote.test", "y@remote.test");
        var second = await SmtpClient.SubmitAsync(server, "carol@hosted.test", token, Operator.Message("carol@hosted.test", "z@remote.test", "second"), "z@remote.test");

        Assert.True(first.Ok, $"{first.Code} {first.Reply}");
        Assert.False(second.Ok);
        Assert.Equal(550, second.Code);
        var tomorrow = DateTime.UtcNow.Date.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("5.7.1 ", second.Reply, StringComparison.Ordinal);
        Assert.Contains("inbox limit of 2 recipients per day reached", second.Reply, StringComparison.Ordinal);
        Assert.Contains("resets at " + tomorrow + "T00:00:00Z", second.Reply, StringComparison.Ordinal);

        await using var reader = await StoreReader.OpenAsync(server);
        var inbox = await reader.InboxAsync("carol@hosted.test");
        Assert.Equal(2, inbox.Limits.SendsPerDay);
        Assert.Equal(["x@remote.test", "y@remote.test"], Assert.Single(await reader.OutboundAsync("carol@hosted.test")).Recipients);
        Assert.Equal("first", Assert.Single(await reader.MessagesAsync("carol@hosted.test", "Sent")).Summary.Subject);

        Assert.Equal(0, await server.StopAsync());
    }

    [Fact]
    public async Task APerMinuteLimitReached_IsATemporaryRefusalOverSmtp()
    {
        await using var server = await ServeProcess.StartAsync();
        await Operator.CreateInboxAsync(server, "dave@hosted.test", "--sends-per-minute", "1");
        var token = await Operator.CreateTokenAsync(server, "dave@hosted.test");

        var first = await SmtpClient.SubmitImplicitTlsAsync(server, "dave@hosted.test", token, Operator.Message("dave@hosted.test", "x@remote.test", "one"), "x@remote.test");
        var second = await SmtpClient.SubmitImplicitTlsAsync(server, "dave@hosted.test", token, Operator.Message("dave@hosted.test", "x@remote.test", "two"), "x@remote.test");

        Assert.True(first.Ok, $"{first.Code} {first.Reply}");
        Assert.Equal(452, second.Code);
        Assert.StartsWith("4.7.1 ", second.Reply, StringComparison.Ordinal);
        Assert.Contains("inbox limit of 1 messages per minute reached; resets at ", second.Reply, StringComparison.Ordinal);

        Assert.Equal(0, await server.StopAsync());
    }

    [Fact]
    public async Task InboundMailOnTheMxPort_LandsInTheInbox_AndSigtermStopsTheServerWithExitZero()
    {
        await using var server = await ServeProcess.StartAsync();
        await Operator.CreateInboxAsync(server, "erin@hosted.test");

        var outcome = await SmtpClient.DeliverInboundAsync(server, "sender@remote.test", Operator.Message("sender@remote.test", "erin@hosted.test", "Inbound hello"), "erin@hosted.test");
        var relay = await SmtpClient.DeliverInboundAsync(server, "sender@remote.test", Operator.Message("sender@remote.test", "victim@elsewhere.test", "Relay?"), "victim@elsewhere.test");

        Assert.True(outcome.Ok, $"{outcome.Code} {outcome.Reply}\n{server.Log}");
        Assert.Equal((550, "rcpt"), (relay.Code, relay.Stage));
        await using (var reader = await StoreReader.OpenAsync(server))
        {
            var inbox = await StoreReader.EventuallyAsync(() => reader.MessagesAsync("erin@hosted.test", "INBOX"), m => m.Count > 0, "erin's INBOX");
            var message = Assert.Single(inbox);
            Assert.Equal("Inbound hello", message.Summary.Subject);
            Assert.Equal("sender@remote.test", message.Envelope.MailFrom);
        }

        Assert.Equal(0, await server.StopAsync());
        Assert.Contains("stopped", server.Log, StringComparison.Ordinal);
    }
}
