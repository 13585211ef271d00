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
        await client.RunAsync("""
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

    private static async Task<SmtpTestClient> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return new SmtpTestClient(new NetworkStream(socket, ownsSocket: true), Task.CompletedTask);
    }
}
