using ServerlessMail.Core;

namespace ServerlessMail.Smtp.Tests;

/// <summary>Real clients (python smtplib, swaks) over real loopback sockets and real TLS, run as child processes.</summary>
public sealed class RealClientTests : IAsyncLifetime
{
    private SmtpListeners _server = null!;

    private SmtpWorld World => _server.World;

    public async Task InitializeAsync() => _server = await SmtpListeners.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Python_PlainOnTheInboundPort()
    {
        var (exit, output) = await Python("inbound", _server.InboundPort);
        Assert.True(exit == 0, output);
        Assert.True(output.Contains("RESULT ehlo-starttls True auth False", StringComparison.Ordinal), output);
        Assert.True(output.Contains("RESULT sent refused=0", StringComparison.Ordinal), output);
        Assert.True(output.Contains("RESULT relay-refused 550 5.7.1 Relay access denied", StringComparison.Ordinal), output);
        var accepted = Assert.Single(await World.AcceptedAsync());
        Assert.Contains("\r\n.leading dot line\r\n", await World.ReadBlobAsync(accepted.BlobKey), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("starttls-plain", "PLAIN")]
    [InlineData("starttls-login", "LOGIN")]
    public async Task Python_StartTlsAndAuthOnSubmission(string mode, string mechanism)
    {
        var (exit, output) = await Python(mode, _server.SubmissionPort, "alice@hosted.test", World.AliceToken);
        Assert.True(exit == 0, output);
        Assert.True(output.Contains("RESULT auth-before-tls False", StringComparison.Ordinal), output);
        Assert.True(output.Contains($"RESULT auth {mechanism} 235", StringComparison.Ordinal), output);
        Assert.True(output.Contains("RESULT sent refused=0", StringComparison.Ordinal), output);
        var outbound = Assert.Single((await World.Store.ListOutboundAsync(World.Alice.Id, new PageRequest(10))).Items);
        Assert.Equal(OutboundStatus.Queued, outbound.Status);
    }

    [Fact]
    public async Task Python_SmtpSslOnImplicitTls()
    {
        var (exit, output) = await Python("ssl", _server.SubmissionsPort, "alice@hosted.test", World.AliceToken);
        Assert.True(exit == 0, output);
        Assert.True(output.Contains("RESULT starttls-offered False", StringComparison.Ordinal), output);
        Assert.True(output.Contains("RESULT logged-in", StringComparison.Ordinal), output);
        Assert.True(output.Contains("RESULT sent refused=0", StringComparison.Ordinal), output);
        Assert.Single(await World.MessagesAsync(World.Alice, "Sent"));
    }

    [Fact]
    public async Task Swaks_Inbound()
    {
        var (exit, output) = await SmtpListeners.RunAsync(
            "swaks", "--server", "127.0.0.1", "--port", _server.InboundPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--helo", "swaks.example.test", "--from", "sender@example.test", "--to", "bob@hosted.test", "--header", "Subject: swaks inbound");
        Assert.True(exit == 0, output);
        Assert.True(output.Contains("<-  250 2.0.0 Ok: queued as ing_", StringComparison.Ordinal), output);
        Assert.Single(await World.AcceptedAsync());
    }

    [Fact]
    public async Task Swaks_SubmissionWithStartTlsAndAuth()
    {
        var (exit, output) = await SmtpListeners.RunAsync(
            "swaks", "--server", "127.0.0.1", "--port", _server.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--helo", "swaks.example.test", "--tls", "--auth", "PLAIN", "--auth-user", "alice@hosted.test", "--auth-password", World.AliceToken,
            "--from", "alice@hosted.test", "--to", "friend@elsewhere.test", "--header", "Subject: swaks submission");
        Assert.True(exit == 0, output);
        Assert.True(output.Contains("<~  235 2.7.0 Authentication successful", StringComparison.Ordinal), output);
        Assert.True(output.Contains("<~  250 2.0.0 Ok: queued as out_", StringComparison.Ordinal), output);
        Assert.Single(await World.MessagesAsync(World.Alice, "Sent"));
    }

    [Fact]
    public async Task Swaks_WrongTokenIsRefused()
    {
        var (exit, output) = await SmtpListeners.RunAsync(
            "swaks", "--server", "127.0.0.1", "--port", _server.SubmissionsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tls-on-connect", "--auth", "LOGIN", "--auth-user", "alice@hosted.test", "--auth-password", "sm_wrong",
            "--from", "alice@hosted.test", "--to", "friend@elsewhere.test");
        Assert.NotEqual(0, exit);
        Assert.True(output.Contains("<~* 535 5.7.8", StringComparison.Ordinal), output);
    }

    private static Task<(int, string)> Python(string mode, int port, params string[] credentials) =>
        SmtpListeners.RunAsync(
            "python3",
            [Path.Combine(AppContext.BaseDirectory, "Scripts", "smtp_client.py"), mode, "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), TestCertificate.PemPath, .. credentials]);
}
