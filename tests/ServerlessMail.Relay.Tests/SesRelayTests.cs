using System.Text;
using ServerlessMail.Core;
using ServerlessMail.Relay.Ses;

namespace ServerlessMail.Relay.Tests;

/// <summary>The SES client and relay against aws-ses-v2-local, a real HTTP server that parses what it receives.</summary>
[Collection(SesLocalGroup.Name)]
public sealed class SesRelayTests(SesLocal ses) : IAsyncLifetime
{
    private const string Message =
        "From: Alice <alice@example.test>\r\nTo: carol@remote.test\r\nSubject: Quarterly figures\r\n" +
        "Message-ID: <q1@example.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
        "Here are the figures.\r\n.leading dot stays\r\n";

    public Task InitializeAsync() => ses.ClearAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SendRawEmail_ArrivesOnceWithTheRawContent_SignedOverTheBodySent()
    {
        var handler = new PayloadCheckingHandler();
        using var http = new HttpClient(handler);
        var client = new SesV2Client(http, SesClients.Options(ses.Endpoint));
        var bytes = Encoding.UTF8.GetBytes(Message);

        var result = await client.SendRawEmailAsync(new SesRawEmail("alice@example.test", ["carol@remote.test"], _ => Task.FromResult<Stream>(new MemoryStream(bytes))));

        Assert.True(result.Succeeded, result.ErrorMessage);
        var body = Assert.Single(handler.Bodies);
        Assert.Equal(bytes, body.GetProperty("Content").GetProperty("Raw").GetProperty("Data").GetBytesFromBase64());
        Assert.Equal("alice@example.test", body.GetProperty("FromEmailAddress").GetString());
        Assert.Equal("serverlessmail-events", body.GetProperty("ConfigurationSetName").GetString());
        Assert.Equal(["carol@remote.test"], body.GetProperty("Destination").GetProperty("ToAddresses").EnumerateArray().Select(e => e.GetString()));
        var email = Assert.Single(await ses.EmailsAsync());
        Assert.Equal(result.MessageId, email.GetProperty("messageId").GetString());
        Assert.Equal("Quarterly figures", email.GetProperty("subject").GetString());
        Assert.Equal("Here are the figures.\n.leading dot stays\n", email.GetProperty("body").GetProperty("text").GetString());
    }

    [Fact]
    public async Task SendRawEmail_StreamsALargeMessageInSegments()
    {
        // 3 MB of attachment: the base64 is written in many segments, and the hash pass and the send pass agree.
        var attachment = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(attachment);
        var raw = "From: alice@example.test\r\nTo: carol@remote.test\r\nSubject: big\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\n" +
            "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=data.bin\r\n" +
            "Content-Transfer-Encoding: base64\r\n\r\n" + Convert.ToBase64String(attachment, Base64FormattingOptions.InsertLineBreaks) + "\r\n--b--\r\n";
        var handler = new PayloadCheckingHandler();
        var relay = SesClients.Relay(ses.Endpoint, handler);

        var result = await relay.SendAsync(new RelayMessage("out_big", "alice@example.test", ["carol@remote.test"], raw.Length, _ => Task.FromResult<Stream>(new MemoryStream(Encoding.ASCII.GetBytes(raw)))));

        var sent = Assert.IsType<RelaySent>(result);
        var email = Assert.Single(await ses.EmailsAsync());
        Assert.Equal(sent.ProviderMessageId, email.GetProperty("messageId").GetString());
        var stored = Assert.Single(email.GetProperty("attachments").EnumerateArray());
        Assert.Equal(attachment, Convert.FromBase64String(stored.GetProperty("content").GetString()!));
    }

    [Fact]
    public async Task SesRelay_SplitsRecipientsPastThePerCallLimit()
    {
        var handler = new PayloadCheckingHandler();
        var relay = SesClients.Relay(ses.Endpoint, handler, maxRecipientsPerCall: 2);
        string[] recipients = ["r1@remote.test", "r2@remote.test", "r3@remote.test"];

        var result = await relay.SendAsync(new RelayMessage("out_split", "alice@example.test", recipients, Message.Length, _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(Message)))));

        Assert.IsType<RelaySent>(result);
        Assert.Equal(2, (await ses.EmailsAsync()).Count);
        Assert.Equal(
            [["r1@remote.test", "r2@remote.test"], ["r3@remote.test"]],
            handler.Bodies.Select(b => b.GetProperty("Destination").GetProperty("ToAddresses").EnumerateArray().Select(e => e.GetString()!).ToArray()));
    }

    [Fact]
    public async Task SesRelay_ARefusedMessageIsAPermanentFailureWithTheRemoteReply()
    {
        // The stand-in, like SES, refuses raw content without a From header (400 Bad Request).
        var relay = SesClients.Relay(ses.Endpoint, new PayloadCheckingHandler());
        var raw = Encoding.ASCII.GetBytes("To: carol@remote.test\r\nSubject: no sender\r\n\r\nbody\r\n");

        var result = await relay.SendAsync(new RelayMessage("out_nofrom", string.Empty, ["carol@remote.test"], raw.Length, _ => Task.FromResult<Stream>(new MemoryStream(raw))));

        var failure = Assert.IsType<RelayPermanentFailure>(result);
        Assert.StartsWith("400 ", failure.RemoteReply, StringComparison.Ordinal);
        Assert.Contains("must have a from address", failure.RemoteReply, StringComparison.Ordinal);
        Assert.Empty(await ses.EmailsAsync());
    }
}
