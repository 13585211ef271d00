using ServerlessMail.Core;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary><c>serverlessmail serve --relay ses</c> pointed at aws-ses-v2-local: external mail leaves through SES, once.</summary>
public sealed class SesRelayTests
{
    [Fact]
    public async Task MailToAnExternalAddress_ArrivesAtSesExactlyOnce_Cleaned_AndTheOutboundRecordMovesToSent()
    {
        await using var ses = await SesLocal.StartAsync();

        // The stand-in checks only that requests are signed; the server resolves credentials the SDK's usual way.
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "e2e-secret",
            ["SERVERLESSMAIL_RELAY"] = "ses",
        };
        await using var server = await ServeProcess.StartAsync(["--ses-endpoint", ses.Endpoint.ToString(), "--ses-region", "us-east-1"], environment);
        await Operator.CreateInboxAsync(server, "alice@hosted.test");
        var token = await Operator.CreateTokenAsync(server, "alice@hosted.test");
        var raw = Operator.Message("Alice <alice@hosted.test>", "carol@remote.test", "Quarterly numbers", bcc: "dave@remote.test");

        var outcome = await SmtpClient.SubmitAsync(server, "alice@hosted.test", token, raw, "carol@remote.test", "dave@remote.test");

        Assert.True(outcome.Ok, $"{outcome.Code} {outcome.Reply}\n{server.Log}");
        await using var reader = await StoreReader.OpenAsync(server);
        var records = await StoreReader.EventuallyAsync(() => reader.OutboundAsync("alice@hosted.test"), o => o.Count == 1 && o[0].Status != OutboundStatus.Queued && o[0].Status != OutboundStatus.Sending, "the relay to finish");
        var record = records[0];
        Assert.True(record.Status == OutboundStatus.Sent, $"{record.Status}: {string.Join(" | ", record.History.Select(h => h.Detail))}\n{server.Log}");
        Assert.Equal([OutboundStatus.Queued, OutboundStatus.Sending, OutboundStatus.Sent], record.History.Select(h => h.Status));

        var email = Assert.Single(await ses.EmailsAsync());
        Assert.Equal(record.ProviderMessageId, email.GetProperty("messageId").GetString());
        Assert.Equal("Quarterly numbers", email.GetProperty("subject").GetString());
        Assert.EndsWith("<alice@hosted.test>", email.GetProperty("from").GetString(), StringComparison.Ordinal);
        Assert.Equal(["carol@remote.test"], email.GetProperty("destination").GetProperty("to").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(email.GetProperty("destination").GetProperty("bcc").EnumerateArray());
        Assert.Equal("Hello from the end-to-end tests.\nSecond line.\n", email.GetProperty("body").GetProperty("text").GetString()?.Replace("\r\n", "\n", StringComparison.Ordinal));

        Assert.Equal(0, await server.StopAsync());
    }
}
