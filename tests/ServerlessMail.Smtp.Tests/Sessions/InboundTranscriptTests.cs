using ServerlessMail.Core;

namespace ServerlessMail.Smtp.Tests;

/// <summary>The inbound MX: hosted recipients only, never a relay, DATA and BDAT streamed into the real store.</summary>
public sealed class InboundTranscriptTests : IAsyncLifetime
{
    private SmtpWorld _world = null!;

    public async Task InitializeAsync() => _world = await SmtpWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Recipients_HostedAcceptedUnknownUser550_5_1_1_OtherDomains550_5_7_1()
    {
        await using var client = await ReadyAsync();
        await client.RunAsync("""
            C: MAIL FROM:<sender@example.test>
            S: 250 2.1.0
            C: RCPT TO:<alice@hosted.test>
            S: 250 2.1.5
            C: RCPT TO:<Alice+tag@HOSTED.test>
            S: 250 2.1.5
            C: RCPT TO:<nobody@hosted.test>
            S: 550 5.1.1
            C: RCPT TO:<victim@elsewhere.test>
            S: 550 5.7.1 Relay access denied
            """);
    }

    [Theory]
    [InlineData("<@hosted.test:victim@elsewhere.test>", "550 5.7.1")]
    [InlineData("<victim%elsewhere.test@hosted.test>", "550 5.7.1")]
    [InlineData("<elsewhere.test!victim@hosted.test>", "550 5.7.1")]
    [InlineData("<alice@[127.0.0.1]>", "550 5.7.1")]
    [InlineData("<alice@[IPv6:::1]>", "550 5.7.1")]
    [InlineData("<\"victim@elsewhere.test\"@hosted.test>", "550 5.7.1")]
    [InlineData("<\"victim%elsewhere.test\"@hosted.test>", "550 5.7.1")]
    [InlineData("<victim@elsewhere.test@hosted.test>", "501 5.1.3")]
    [InlineData("<victim@hosted.test.elsewhere.test>", "550 5.7.1")]
    [InlineData("<@elsewhere.test:alice@hosted.test>", "250 2.1.5")]
    [InlineData("<\"alice\"@hosted.test>", "250 2.1.5")]
    public async Task NeverAnOpenRelay(string path, string reply)
    {
        await using var client = await ReadyAsync();
        await client.RunAsync($"""
            C: MAIL FROM:<sender@example.test>
            S: 250 2.1.0
            C: RCPT TO:{path}
            S: {reply}
            """);
    }

    [Fact]
    public async Task AuthOnPort25_IsNotOffered_AndDoesNotOpenRelaying()
    {
        await using var client = await ReadyAsync();
        await client.RunAsync($"""
            C: AUTH PLAIN {Plain("alice@hosted.test", _world.AliceToken)}
            S: 502 5.5.1
            C: MAIL FROM:<alice@hosted.test>
            S: 250 2.1.0
            C: RCPT TO:<victim@elsewhere.test>
            S: 550 5.7.1 Relay access denied
            """);
    }

    [Fact]
    public async Task Data_IsStoredBeforeThe250_UnstuffedWithAReceivedHeader()
    {
        await using var client = await ReadyAsync();
        await client.RunAsync("""
            C: MAIL FROM:<sender@example.test> BODY=8BITMIME
            C: RCPT TO:<alice@hosted.test>
            C: RCPT TO:<bob@hosted.test>
            C: DATA
            S: 250 2.1.0
            S: 250 2.1.5
            S: 250 2.1.5
            S: 354
            C: From: sender@example.test
            C: Subject: hello
            C:
            C: line one
            C: ..a stuffed line
            C: .
            """);
        var queued = await client.ExpectLineAsync("250 2.0.0 Ok: queued as ing_");
        var accepted = Assert.Single(await _world.AcceptedAsync());
        Assert.EndsWith(accepted.Id, queued, StringComparison.Ordinal);
        Assert.Equal(["alice@hosted.test", "bob@hosted.test"], accepted.Envelope.Recipients);
        Assert.Equal("sender@example.test", accepted.Envelope.MailFrom);
        Assert.Equal("192.0.2.10", accepted.Envelope.RemoteIp);
        Assert.Equal("client.example.test", accepted.Envelope.Helo);
        var raw = await _world.ReadBlobAsync(accepted.BlobKey);
        Assert.StartsWith("Received: from client.example.test ([192.0.2.10])\r\n\tby mx.hosted.test (ServerlessMail) with ESMTP id ", raw, StringComparison.Ordinal);
        Assert.EndsWith("From: sender@example.test\r\nSubject: hello\r\n\r\nline one\r\n.a stuffed line\r\n", raw, StringComparison.Ordinal);

        var delivered = await _world.Ingest.DeliverAsync(accepted.Id);
        Assert.All(delivered.Recipients, r => Assert.Equal(RecipientOutcome.Delivered, r.Outcome));
        Assert.Single(await _world.MessagesAsync(_world.Bob, Folder.InboxName));
    }

    [Theory]
    [InlineData("Subject: a\r\n\r\nhello\n.\nMAIL FROM:<evil@example.test>\r\nRCPT TO:<bob@hosted.test>\r\nDATA\r\nsmuggled\r\n.\r\n")]
    [InlineData("Subject: a\r\n\r\nhello\r\n.\nMAIL FROM:<evil@example.test>\r\nRCPT TO:<bob@hosted.test>\r\nDATA\r\nsmuggled\r\n.\r\n")]
    [InlineData("Subject: a\r\n\r\nhello\n.\r\nMAIL FROM:<evil@example.test>\r\nRCPT TO:<bob@hosted.test>\r\nDATA\r\nsmuggled\r\n.\r\n")]
    [InlineData("Subject: a\r\n\r\nhello\r.\r\nMAIL FROM:<evil@example.test>\r\nRCPT TO:<bob@hosted.test>\r\nDATA\r\nsmuggled\r\n.\r\n")]
    public async Task Smuggling_ALoneLineEndMarker_NeverStartsASecondMessage(string body)
    {
        await using var client = await ReadyAsync();
        await client.RunAsync("""
            C: MAIL FROM:<sender@example.test>
            C: RCPT TO:<alice@hosted.test>
            C: DATA
            S: 250
            S: 250
            S: 354
            """);
        await client.SendAsync(body);

        // One reply for the whole block: the "MAIL/RCPT/DATA" inside it were content, never commands.
        await client.ExpectLineAsync("554 5.6.11");
        await client.RunAsync("""
            C: NOOP
            S: 250 2.0.0
            """);
        Assert.Empty(await _world.AcceptedAsync());
    }

    [Fact]
    public async Task Size_IsCountedWhileStreaming_WhateverSizeSaid_AndTheSessionStaysInSync()
    {
        var options = SmtpWorld.DefaultOptionsWith(o => o with { MaxMessageSize = 4096 });
        await using var client = await ReadyAsync(options);
        await client.RunAsync("""
            C: MAIL FROM:<sender@example.test> SIZE=5000
            S: 552 5.3.4
            C: MAIL FROM:<sender@example.test> SIZE=100
            C: RCPT TO:<alice@hosted.test>
            C: DATA
            S: 250
            S: 250
            S: 354
            """);
        await client.SendAsync("Subject: big\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('x', 70) + "\r\n", 200)) + ".\r\nNOOP\r\n");
        await client.RunAsync("""
            S: 552 5.3.4
            S: 250 2.0.0
            """);
        Assert.Empty(await _world.AcceptedAsync());
    }

    [Fact]
    public async Task TextLinesPastTheLimit_AreRefused()
    {
        await using var client = await ReadyAsync();
        await client.RunAsync("""
            C: MAIL FROM:<sender@example.test>
            C: RCPT TO:<alice@hosted.test>
            C: DATA
            S: 250
            S: 250
            S: 354
            """);
        await client.SendAsync("Subject: long\r\n\r\n" + new string('y', 1200) + "\r\n.\r\n");
        await client.ExpectLineAsync("554 5.6.0");
        Assert.Empty(await _world.AcceptedAsync());
    }

    [Fact]
    public async Task TooManyRecipients_Get452_4_5_3()
    {
        var options = SmtpWorld.DefaultOptionsWith(o => o with { MaxRecipients = 2 });
        await using var client = await ReadyAsync(options);
        await client.RunAsync("""
            C: MAIL FROM:<sender@example.test>
            C: RCPT TO:<alice@hosted.test>
            C: RCPT TO:<bob@hosted.test>
            C: RCPT TO:<alice+x@hosted.test>
            S: 250
            S: 250
            S: 250
            S: 452 4.5.3 Too many recipients
            """);
    }

    [Fact]
    public async Task AddressHarvesting_IsCutOffWith421()
    {
        var options = SmtpWorld.DefaultOptionsWith(o => o with { MaxRejectedRecipients = 2 });
        await using var client = await ReadyAsync(options);
        await client.RunAsync("""
            C: MAIL FROM:<sender@example.test>
            C: RCPT TO:<a@hosted.test>
            C: RCPT TO:<b@hosted.test>
            S: 250
            S: 550 5.1.1
            S: 550 5.1.1
            S: 421 4.7.0
            """);
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task Bdat_ChunksAreStoredAsSent()
    {
        await using var client = await ReadyAsync();
        await client.RunAsync("""
            C: MAIL FROM:<sender@example.test>
            C: RCPT TO:<alice@hosted.test>
            S: 250
            S: 250
            """);
        await client.SendAsync("BDAT 23\r\nSubject: chunked\r\n\r\n.\r\nBDAT 8 LAST\r\n..body\r\n");
        await client.ExpectLineAsync("250 2.0.0 23 octets received");
        await client.ExpectLineAsync("250 2.0.0 Ok: queued as ing_");
        var accepted = Assert.Single(await _world.AcceptedAsync());
        Assert.EndsWith("\r\nSubject: chunked\r\n\r\n.\r\n..body\r\n", await _world.ReadBlobAsync(accepted.BlobKey), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bdat_OutOfPlaceOrTooBig_IsReadPastAndRefused()
    {
        var options = SmtpWorld.DefaultOptionsWith(o => o with { MaxMessageSize = 2048 });
        await using var client = await ReadyAsync(options);
        await client.SendAsync("BDAT 10\r\n0123456789NOOP\r\n");
        await client.RunAsync("""
            S: 503 5.5.1 Send MAIL first
            S: 250 2.0.0
            C: MAIL FROM:<sender@example.test>
            C: RCPT TO:<alice@hosted.test>
            S: 250
            S: 250
            C: DATA
            S: 354
            C: .
            S: 250 2.0.0 Ok: queued
            C: MAIL FROM:<sender@example.test>
            C: RCPT TO:<alice@hosted.test>
            S: 250
            S: 250
            """);
        var big = new string('z', 100) + "\r\n";
        await client.SendAsync($"BDAT 3000\r\n{string.Concat(Enumerable.Repeat(big, 29))}{new string('z', 40)}\r\nNOOP\r\n");
        await client.RunAsync("""
            S: 552 5.3.4
            S: 250 2.0.0
            C: BDAT 1 LAST
            C: x
            S: 503 5.5.1 Send MAIL first
            """);
        Assert.Single(await _world.AcceptedAsync());
    }

    [Fact]
    public async Task Rset_BetweenChunks_DropsTheMessage()
    {
        await using var client = await ReadyAsync();
        await client.SendAsync("MAIL FROM:<s@example.test>\r\nRCPT TO:<alice@hosted.test>\r\nBDAT 5\r\nabcdeDATA\r\nRSET\r\n");
        await client.RunAsync("""
            S: 250
            S: 250
            S: 250 2.0.0 5 octets
            S: 503 5.5.1
            S: 250 2.0.0
            """);
        Assert.Empty(await _world.AcceptedAsync());
    }

    [Fact]
    public async Task AStorageFault_Gets451_Never250()
    {
        await using var client = await ReadyAsync();
        await client.RunAsync("""
            C: MAIL FROM:<sender@example.test>
            C: RCPT TO:<alice@hosted.test>
            S: 250
            S: 250
            """);
        await _world.Store.DisposeAsync();
        await client.RunAsync("""
            C: DATA
            S: 354
            C: Subject: lost
            C:
            C: body
            C: .
            S: 451 4.3.0
            C: NOOP
            S: 250 2.0.0
            """);
        Assert.Contains(_world.Log.Entries, e => e.StartsWith("Error: ", StringComparison.Ordinal) && e.Contains("storage fault", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientVanishingMidData_StoresNothing()
    {
        var client = await ReadyAsync();
        await client.RunAsync("""
            C: MAIL FROM:<sender@example.test>
            C: RCPT TO:<alice@hosted.test>
            C: DATA
            S: 250
            S: 250
            S: 354
            C: Subject: cut
            C:
            C: half a message
            """);
        await client.DisposeAsync();
        Assert.Empty(await _world.AcceptedAsync());
    }

    [Fact]
    public async Task SmtpUtf8_AllowsInternationalAddresses()
    {
        await using var client = await ReadyAsync();
        await client.RunAsync("""
            C: MAIL FROM:<josé@exämple.test>
            S: 553 5.6.7
            C: MAIL FROM:<josé@exämple.test> SMTPUTF8
            S: 250 2.1.0
            C: RCPT TO:<alice@hosted.test>
            S: 250 2.1.5
            """);
    }

    internal static string Plain(string user, string password) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"\0{user}\0{password}"));

    private async Task<SmtpTestClient> ReadyAsync(SmtpServerOptions? options = null)
    {
        var client = await _world.ConnectAsync(SmtpRole.Inbound, options);
        await client.ExpectLineAsync("220");
        await client.SendLineAsync("EHLO client.example.test");
        await client.ReadReplyAsync();
        return client;
    }
}
