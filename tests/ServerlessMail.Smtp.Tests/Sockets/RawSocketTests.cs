using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ServerlessMail.Smtp.Tests;

/// <summary>Attacks and limits over raw loopback sockets: smuggling, STARTTLS injection, connection and line limits.</summary>
public sealed class RawSocketTests
{
    [Fact]
    public async Task Smuggling_SplitAcrossSegments_StoresOneMessageAndRefusesIt()
    {
        await using var server = await SmtpListeners.StartAsync();
        await using var client = await ConnectAsync(server.InboundPort);
        await OpenDataAsync(client);

        // Each piece is its own TCP segment, so the end-marker candidates straddle reads on the server.
        foreach (var piece in new[] { "Subject: a\r\n\r\nfirst\r\n", "\n", ".", "\n", "MAIL FROM:<evil@example.test>\r\nRCPT TO:<bob@hosted.test>\r\nDATA\r\n", "smuggled\r", "\n.", "\r", "\n" })
        {
            await client.SendAsync(piece);
            await Task.Yield();
        }

        await client.ExpectLineAsync("554 5.6.11");
        await client.RunAsync("""
            C: QUIT
            S: 221
            """);
        Assert.Empty(await server.World.AcceptedAsync());
    }

    [Fact]
    public async Task StartTlsInjection_OverARealSocket_ClosesWithoutRunningTheCommands()
    {
        await using var server = await SmtpListeners.StartAsync();
        await using var client = await ConnectAsync(server.SubmissionPort);
        await client.RunAsync("""
            S: 220
            C: EHLO raw.example.test
            S: 250-
            """);
        await client.ReadReplyAsync();
        await client.SendAsync($"STARTTLS\r\nAUTH PLAIN {InboundTranscriptTests.Plain("alice@hosted.test", server.World.AliceToken)}\r\n");
        await client.ExpectLineAsync("220 2.0.0");
        await client.ExpectClosedAsync();
        Assert.DoesNotContain(server.World.Log.Entries, e => e.Contains("235", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectionsPerAddress_AreLimited_WithA421()
    {
        await using var server = await SmtpListeners.StartAsync(maxConnectionsPerAddress: 2);
        await using var first = await ConnectAsync(server.InboundPort);
        await using var second = await ConnectAsync(server.InboundPort);
        await first.ExpectLineAsync("220");
        await second.ExpectLineAsync("220");
        await using var third = await ConnectAsync(server.InboundPort);
        await third.ExpectLineAsync("421 4.7.0");
        await third.ExpectClosedAsync();
    }

    [Fact]
    public async Task LimitsHold_OverARealSocket()
    {
        await using var server = await SmtpListeners.StartAsync(SmtpWorld.DefaultOptionsWith(o => o with { MaxBadCommands = 3 }));
        await using var client = await ConnectAsync(server.InboundPort);
        await client.ExpectLineAsync("220");
        await client.SendAsync(new string('A', 64 * 1024) + "\r\n");
        await client.ExpectLineAsync("500 5.5.2 Line too long");
        await client.SendAsync("NOOP\n");
        await client.ExpectLineAsync("500 5.5.2 Bare CR or LF");
        await client.SendAsync("WHAT\r\n");
        await client.ExpectLineAsync("500 5.5.1");
        await client.ExpectLineAsync("421 4.7.0 Too many errors");
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task DataOverTheSizeLimit_Gets552_AndTheSessionStaysInSync()
    {
        await using var server = await SmtpListeners.StartAsync(SmtpWorld.DefaultOptionsWith(o => o with { MaxMessageSize = 4096 }));
        await using var client = await ConnectAsync(server.InboundPort);
        await OpenDataAsync(client);

        // No SIZE= was declared: the limit is counted while the content streams, in segments of its own.
        await client.SendAsync("Subject: big\r\n\r\n");
        for (var i = 0; i < 16; i++)
        {
            await client.SendAsync(new string('x', 998) + "\r\n");
        }

        await client.SendAsync(".\r\n");
        await client.RunAsync("""
            S: 552 5.3.4
            C: RSET
            S: 250
            C: NOOP
            S: 250 2.0.0
            C: MAIL FROM:<sender@example.test>
            C: RCPT TO:<alice@hosted.test>
            C: DATA
            S: 250
            S: 250
            S: 354
            C: Subject: small
            C:
            C: fits
            C: .
            S: 250 2.0.0
            """);
        Assert.Single(await server.World.AcceptedAsync());
    }

    [Fact]
    public async Task The101stRecipient_Gets452()
    {
        await using var server = await SmtpListeners.StartAsync();
        await using var client = await ConnectAsync(server.InboundPort);
        await client.RunAsync("""
            S: 220
            C: HELO raw.example.test
            S: 250
            C: MAIL FROM:<sender@example.test>
            S: 250
            """);
        var recipients = new StringBuilder();
        for (var i = 0; i < 101; i++)
        {
            recipients.Append(CultureInfo.InvariantCulture, $"RCPT TO:<alice+{i}@hosted.test>\r\n");
        }

        // All 101 pipelined in one write (RFC 2920): 100 accepted, the 101st refused, and the session goes on.
        await client.SendAsync(recipients.ToString());
        for (var i = 0; i < 100; i++)
        {
            await client.ExpectLineAsync("250 2.1.5");
        }

        await client.RunAsync("""
            S: 452 4.5.3 Too many recipients
            C: NOOP
            S: 250 2.0.0
            """);
    }

    [Fact]
    public async Task TalkingBeforeTheGreeting_OnTheInboundPort_Gets554AndClose()
    {
        await using var server = await SmtpListeners.StartAsync(SmtpWorld.DefaultOptionsWith(o => o with { GreetingDelay = TimeSpan.FromSeconds(2) }));
        await using var client = await ConnectAsync(server.InboundPort);
        await client.SendAsync("EHLO impatient.example.test\r\n");
        await client.ExpectLineAsync("554 5.5.0 Protocol violation: talked before the greeting");
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task TheTotalConnectionLimit_RefusesTheNextConnectionWith421()
    {
        // Per address the limit is far away: only the total can refuse the third.
        await using var server = await SmtpListeners.StartAsync(maxConnectionsPerAddress: 20, maxConnections: 2);
        await using var first = await ConnectAsync(server.InboundPort);
        await using var second = await ConnectAsync(server.InboundPort);
        await first.ExpectLineAsync("220");
        await second.ExpectLineAsync("220");
        await using var third = await ConnectAsync(server.InboundPort);
        await third.ExpectLineAsync("421 4.7.0");
        await third.ExpectClosedAsync();

        // A slot freed is a slot available again.
        await first.RunAsync("""
            C: QUIT
            S: 221
            """);
        await first.ExpectClosedAsync();
        await using var fourth = await ConnectWhenFreeAsync(server.InboundPort);
        await fourth.RunAsync("""
            C: NOOP
            S: 250 2.0.0
            """);
    }

    /// <summary>Connects until the server greets rather than refuses: the freed slot is released just after the close.</summary>
    private static async Task<SmtpTestClient> ConnectWhenFreeAsync(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            var client = await ConnectAsync(port);
            var line = await client.ReadLineAsync() ?? "";
            if (line.StartsWith("220", StringComparison.Ordinal) || attempt == 50)
            {
                Assert.StartsWith("220", line, StringComparison.Ordinal);
                return client;
            }

            await client.DisposeAsync();
            await Task.Delay(100);
        }
    }

    /// <summary>Greeting, HELO and one pipelined transaction for alice, up to the 354 that opens its content.</summary>
    private static Task OpenDataAsync(SmtpTestClient client) => client.RunAsync("""
        S: 220
        C: HELO raw.example.test
        C: MAIL FROM:<sender@example.test>
        C: RCPT TO:<alice@hosted.test>
        C: DATA
        S: 250
        S: 250
        S: 250
        S: 354
        """);

    private static async Task<SmtpTestClient> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return new SmtpTestClient(new NetworkStream(socket, ownsSocket: true), Task.CompletedTask);
    }
}
