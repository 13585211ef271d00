using System.Text;
using ServerlessMail.Core;
using ServerlessMail.Relay.Smtp;

namespace ServerlessMail.Relay.Tests;

/// <summary>The smarthost relay against a real SMTP server on loopback (Peers/smtp_peer.py, python3 with real TLS).</summary>
public sealed class SmarthostRelayTests
{
    private const string Message =
        "From: alice@example.test\r\nTo: carol@remote.test\r\nSubject: dots\r\n\r\n" +
        "first line\r\n.starts with a dot\r\n.\r\n..two dots\r\nlast line\r\n";

    [Fact]
    public async Task StartTlsAndAuthPlain_DeliverTheMessageByteForByte()
    {
        await using var peer = await SmtpPeer.StartAsync();
        var relay = new SmarthostRelay(peer.Options());

        var result = await relay.SendAsync(Relayed(Message, "carol@remote.test"));

        Assert.Equal("Q001", Assert.IsType<RelaySent>(result).ProviderMessageId);
        var (raw, envelope) = Assert.Single(peer.Messages());
        Assert.Equal(Message, Encoding.UTF8.GetString(raw));
        Assert.Equal("alice@example.test", envelope.GetProperty("mail_from").GetString());
        Assert.Equal(["carol@remote.test"], envelope.GetProperty("rcpt").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(SmtpPeer.User, envelope.GetProperty("user").GetString());
        Assert.True(envelope.GetProperty("tls").GetBoolean());
    }

    [Fact]
    public async Task ImplicitTlsAndAuthLogin_DeliverTheMessage()
    {
        await using var peer = await SmtpPeer.StartAsync("implicit", "--auth", "LOGIN");
        var relay = new SmarthostRelay(peer.Options(SmarthostSecurity.ImplicitTls));

        var result = await relay.SendAsync(Relayed("Subject: x\r\n\r\nno final line break", "carol@remote.test"));

        Assert.IsType<RelaySent>(result);
        var (raw, envelope) = Assert.Single(peer.Messages());
        Assert.Equal("Subject: x\r\n\r\nno final line break\r\n", Encoding.UTF8.GetString(raw));
        Assert.Equal(SmtpPeer.User, envelope.GetProperty("user").GetString());
    }

    [Theory]
    [InlineData("temp@remote.test", "450 4.2.1")]
    [InlineData("datatemp@remote.test", "452 4.3.1")]
    public async Task A4xxReply_IsATemporaryFailure(string recipient, string reply)
    {
        await using var peer = await SmtpPeer.StartAsync();

        var result = await new SmarthostRelay(peer.Options()).SendAsync(Relayed(Message, recipient));

        var temporary = Assert.IsType<RelayTemporaryFailure>(result);
        Assert.Contains(reply, temporary.Reason, StringComparison.Ordinal);
        Assert.Null(temporary.RetryAfter);
        Assert.Empty(peer.Messages());
    }

    [Theory]
    [InlineData("reject@remote.test", "550 5.1.1 <reject@remote.test>: Recipient address rejected: no such user")]
    [InlineData("datareject@remote.test", "554 5.6.0 Message content refused")]
    public async Task A5xxReply_IsAPermanentFailureWithTheRemoteReply(string recipient, string reply)
    {
        await using var peer = await SmtpPeer.StartAsync();

        var result = await new SmarthostRelay(peer.Options()).SendAsync(Relayed(Message, recipient));

        Assert.Contains(reply, Assert.IsType<RelayPermanentFailure>(result).RemoteReply, StringComparison.Ordinal);
        Assert.Empty(peer.Messages());
    }

    [Fact]
    public async Task SomeRecipientsRefused_TheRestAreSentAndTheRefusalsKept()
    {
        await using var peer = await SmtpPeer.StartAsync();

        var result = await new SmarthostRelay(peer.Options()).SendAsync(Relayed(Message, "carol@remote.test", "reject@remote.test"));

        Assert.Contains("<reject@remote.test>: 550 5.1.1", Assert.IsType<RelaySent>(result).Detail, StringComparison.Ordinal);
        Assert.Equal(["carol@remote.test"], Assert.Single(peer.Messages()).Envelope.GetProperty("rcpt").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task AWrongPassword_IsTemporaryAndPausesTheRelay()
    {
        // A refused AUTH says nothing about the message: it waits for the operator to fix the credentials.
        await using var peer = await SmtpPeer.StartAsync();
        var options = peer.Options(password: "wrong");

        var result = await new SmarthostRelay(options).SendAsync(Relayed(Message, "carol@remote.test"));

        var temporary = Assert.IsType<RelayTemporaryFailure>(result);
        Assert.Contains("535 5.7.8", temporary.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", temporary.Reason, StringComparison.Ordinal);
        Assert.Equal(options.SessionFailureWait, temporary.RetryAfter);
        Assert.Empty(peer.Messages());
    }

    [Fact]
    public async Task AMissingStartTls_IsNeverDowngradedToPlaintext()
    {
        await using var peer = await SmtpPeer.StartAsync("starttls", "--no-starttls");

        var result = await new SmarthostRelay(peer.Options()).SendAsync(Relayed(Message, "carol@remote.test"));

        Assert.Contains("does not offer STARTTLS", Assert.IsType<RelayTemporaryFailure>(result).Reason, StringComparison.Ordinal);
        Assert.Empty(peer.Messages());
    }

    [Fact]
    public async Task PlaintextInjectedBeforeTheHandshake_EndsTheSession()
    {
        await using var peer = await SmtpPeer.StartAsync("starttls", "--inject");

        var result = await new SmarthostRelay(peer.Options()).SendAsync(Relayed(Message, "carol@remote.test"));

        Assert.Contains("before the TLS handshake", Assert.IsType<RelayTemporaryFailure>(result).Reason, StringComparison.Ordinal);
        Assert.Empty(peer.Messages());
    }

    [Fact]
    public async Task AnUntrustedCertificate_IsRefused()
    {
        await using var peer = await SmtpPeer.StartAsync();
        var options = peer.Options();
        var untrusting = new SmarthostOptions
        {
            Host = options.Host, Port = options.Port, Username = options.Username, Password = options.Password, TlsTargetHost = "localhost",
        };

        var result = await new SmarthostRelay(untrusting).SendAsync(Relayed(Message, "carol@remote.test"));

        Assert.IsType<RelayTemporaryFailure>(result);
        Assert.Empty(peer.Messages());
    }

    [Fact]
    public void Credentials_AreRefusedWithoutTls()
    {
        var options = new SmarthostOptions { Host = "127.0.0.1", Security = SmarthostSecurity.None, Username = "u", Password = "p" };

        Assert.Throws<ArgumentException>(() => new SmarthostRelay(options));
    }

    [Fact]
    public async Task AnAddressCarryingCrLf_IsRefusedBeforeConnecting()
    {
        var relay = new SmarthostRelay(new SmarthostOptions { Host = "127.0.0.1", Port = SesLocal.FreePort() });

        var result = await relay.SendAsync(Relayed(Message, "carol@remote.test>\r\nRCPT TO:<evil@remote.test"));

        Assert.StartsWith("501 5.1.3", Assert.IsType<RelayPermanentFailure>(result).RemoteReply, StringComparison.Ordinal);
    }

    internal static RelayMessage Relayed(string raw, params string[] recipients)
    {
        var bytes = Encoding.UTF8.GetBytes(raw);
        return new RelayMessage("out_test", "alice@example.test", recipients, bytes.Length, _ => Task.FromResult<Stream>(new MemoryStream(bytes)));
    }
}
