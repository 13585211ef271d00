namespace ServerlessMail.Smtp.Tests;

/// <summary>Every command and the sequence rules, replayed as transcripts against the inbound role.</summary>
public sealed class CommandTranscriptTests : IAsyncLifetime
{
    private SmtpWorld _world = null!;

    public async Task InitializeAsync() => _world = await SmtpWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Ehlo_AdvertisesTheExtensions_AndNoAuthOnInbound()
    {
        await using var client = await _world.ConnectAsync(SmtpRole.Inbound);
        await client.ExpectLineAsync("220 mx.hosted.test ESMTP");
        await client.SendLineAsync("EHLO client.example.test");
        var reply = await client.ReadReplyAsync();
        Assert.Equal("250-mx.hosted.test", reply[0]);
        var keywords = reply.Skip(1).Select(l => l[4..]).ToList();
        Assert.Equal(["PIPELINING", "SIZE 26214400", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING", "STARTTLS"], keywords);
        Assert.DoesNotContain(keywords, k => k.StartsWith("AUTH", StringComparison.Ordinal) || k.StartsWith("DSN", StringComparison.Ordinal));
        await client.RunAsync("""
            C: AUTH PLAIN AGFsaWNlAHNlY3JldA==
            S: 502 5.5.1
            C: QUIT
            S: 221 2.0.0
            """);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task SimpleCommands_AnswerWithCodesAndEnhancedCodes()
    {
        await using var client = await _world.ConnectAsync(SmtpRole.Inbound);
        await client.RunAsync("""
            S: 220
            C: HELO client.example.test
            S: 250 mx.hosted.test
            C: NOOP
            S: 250 2.0.0 OK
            C: NOOP anything at all
            S: 250 2.0.0 OK
            C: HELP
            S: 214-2.0.0 Commands:
            S: 214 2.0.0
            C: VRFY alice
            S: 252 2.5.0
            C: VRFY
            S: 501 5.5.4
            C: EXPN staff
            S: 502 5.5.1
            C: FROB
            S: 500 5.5.1
            C: RSET
            S: 250 2.0.0
            C: RSET now
            S: 501 5.5.4
            C: QUIT
            S: 221 2.0.0 mx.hosted.test closing connection
            """);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task CommandsOutOfSequence_Get503()
    {
        await using var client = await _world.ConnectAsync(SmtpRole.Inbound);
        await client.RunAsync("""
            S: 220
            C: MAIL FROM:<a@example.test>
            S: 503 5.5.1 Send EHLO or HELO first
            C: EHLO client.example.test
            S: 250-
            S: 250-
            S: 250-
            S: 250-
            S: 250-
            S: 250-
            S: 250-
            S: 250 STARTTLS
            C: RCPT TO:<alice@hosted.test>
            S: 503 5.5.1 Send MAIL first
            C: DATA
            S: 503 5.5.1 Send MAIL first
            C: MAIL FROM:<a@example.test>
            S: 250 2.1.0
            C: DATA
            S: 503 5.5.1 Send RCPT first
            C: MAIL FROM:<b@example.test>
            S: 503 5.5.1 Bad sequence
            C: STARTTLS
            S: 503 5.5.1
            C: RSET
            S: 250 2.0.0
            C: MAIL FROM:<b@example.test>
            S: 250 2.1.0
            """);
    }

    [Fact]
    public async Task PipelinedCommands_AreAnsweredInOrder()
    {
        await using var client = await _world.ConnectAsync(SmtpRole.Inbound);
        await client.ExpectLineAsync("220");
        await client.SendAsync("HELO c.example.test\r\nMAIL FROM:<a@example.test>\r\nRCPT TO:<alice@hosted.test>\r\nRCPT TO:<nobody@hosted.test>\r\nRSET\r\nNOOP\r\n");
        await client.RunAsync("""
            S: 250 mx.hosted.test
            S: 250 2.1.0
            S: 250 2.1.5
            S: 550 5.1.1
            S: 250 2.0.0
            S: 250 2.0.0
            """);
    }

    [Fact]
    public async Task TooManyBadCommands_Get421AndClose()
    {
        await using var client = await _world.ConnectAsync(SmtpRole.Inbound, SmtpWorld.DefaultOptionsWith(o => o with { MaxBadCommands = 3 }));
        await client.RunAsync("""
            S: 220
            C: ONE
            S: 500 5.5.1
            C: TWO
            S: 500 5.5.1
            C: THREE
            S: 500 5.5.1
            S: 421 4.7.0 Too many errors
            """);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task CommandLines_AreLimitedTo512Octets_AndTheSessionStaysInSync()
    {
        await using var client = await _world.ConnectAsync(SmtpRole.Inbound);
        await client.ExpectLineAsync("220");
        await client.SendLineAsync("NOOP " + new string('x', 505));
        await client.ExpectLineAsync("250 2.0.0");
        await client.SendLineAsync("NOOP " + new string('x', 506));
        await client.ExpectLineAsync("500 5.5.2 Line too long");
        await client.SendLineAsync("NOOP " + new string('x', 100_000));
        await client.ExpectLineAsync("500 5.5.2 Line too long");
        await client.SendLineAsync("NOOP");
        await client.ExpectLineAsync("250 2.0.0");
    }

    [Fact]
    public async Task BareLineEndsInCommands_AreRefused()
    {
        await using var client = await _world.ConnectAsync(SmtpRole.Inbound);
        await client.ExpectLineAsync("220");
        await client.SendAsync("NOOP\nNO\rOP\r\nNOOP\r\n");
        await client.RunAsync("""
            S: 500 5.5.2 Bare CR or LF
            S: 500 5.5.2 Bare CR or LF
            S: 250 2.0.0
            """);
    }

    [Fact]
    public async Task TalkingBeforeTheGreeting_OnPort25_Gets554AndClose()
    {
        var options = SmtpWorld.DefaultOptionsWith(o => o with { GreetingDelay = TimeSpan.FromSeconds(30) });
        var handler = _world.Handler(SmtpRole.Inbound, options);
        await using var client = await SmtpWorld.ConnectAsync(handler, implicitTls: false, sendBeforeStart: "EHLO hurry.example.test\r\n"u8.ToArray());
        await client.ExpectLineAsync("554 5.5.0 Protocol violation: talked before the greeting");
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task ARefusedConnection_Gets421()
    {
        var handler = _world.Handler(SmtpRole.Inbound);
        var (server, clientStream) = PipeDuplexStream.CreatePair();
        await using var connection = new Net.Connection(server, SmtpWorld.ClientEndPoint, null);
        await handler.RefuseAsync(connection, CancellationToken.None);
        await using var client = new SmtpTestClient(clientStream, Task.CompletedTask);
        await client.ExpectLineAsync("421 4.7.0 mx.hosted.test Too many connections");
    }
}
