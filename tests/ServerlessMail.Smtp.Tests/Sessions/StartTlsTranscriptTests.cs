namespace ServerlessMail.Smtp.Tests;

/// <summary>STARTTLS: injection refused, state reset after the handshake, no second STARTTLS.</summary>
public sealed class StartTlsTranscriptTests : IAsyncLifetime
{
    private SmtpWorld _world = null!;

    public async Task InitializeAsync() => _world = await SmtpWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData(SmtpRole.Inbound)]
    [InlineData(SmtpRole.Submission)]
    public async Task PlaintextPipelinedAfterStartTls_IsNeverExecuted_TheConnectionCloses(SmtpRole role)
    {
        await using var client = await _world.ConnectAsync(role);
        await client.RunAsync("""
            S: 220
            C: EHLO attacker.example.test
            S: 250-
            """);
        await client.ReadReplyAsync();
        await client.SendAsync("STARTTLS\r\nMAIL FROM:<attacker@example.test>\r\nRCPT TO:<alice@hosted.test>\r\n");
        await client.ExpectLineAsync("220 2.0.0 Ready to start TLS");
        await client.ExpectClosedAsync();
        Assert.Contains(_world.Log.Entries, e => e.Contains("STARTTLS injection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterTls_TheSessionStartsOver_AndASecondStartTlsGets503()
    {
        await using var client = await _world.ConnectAsync(SmtpRole.Inbound);
        await client.RunAsync("""
            S: 220
            C: EHLO client.example.test
            S: 250-
            """);
        await client.ReadReplyAsync();
        await client.RunAsync("""
            C: STARTTLS
            S: 220 2.0.0
            """);
        await client.StartTlsAsync();
        await client.RunAsync("""
            C: MAIL FROM:<sender@example.test>
            S: 503 5.5.1 Send EHLO or HELO first
            C: EHLO client.example.test
            """);
        var ehlo = await client.ReadReplyAsync();
        Assert.DoesNotContain(ehlo, l => l.Contains("STARTTLS", StringComparison.Ordinal));
        await client.RunAsync("""
            C: STARTTLS
            S: 503 5.5.1 TLS already active
            C: MAIL FROM:<sender@example.test>
            C: RCPT TO:<alice@hosted.test>
            C: DATA
            S: 250
            S: 250
            S: 354
            C: Subject: over tls
            C:
            C: x
            C: .
            S: 250 2.0.0 Ok: queued
            """);
        var accepted = Assert.Single(await _world.AcceptedAsync());
        Assert.Contains("with ESMTPS id", await _world.ReadBlobAsync(accepted.BlobKey), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutACertificate_StartTlsIsNeitherOfferedNorAccepted()
    {
        await using var client = await _world.ConnectAsync(SmtpRole.Inbound, withCertificate: false);
        await client.RunAsync("""
            S: 220
            C: EHLO client.example.test
            """);
        Assert.DoesNotContain(await client.ReadReplyAsync(), l => l.Contains("STARTTLS", StringComparison.Ordinal));
        await client.RunAsync("""
            C: STARTTLS
            S: 502 5.5.1
            """);
    }
}
