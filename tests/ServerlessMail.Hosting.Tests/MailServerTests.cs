using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;

namespace ServerlessMail.Hosting.Tests;

/// <summary>The host in-process: it binds what it says, keeps its self-signed certificate, and says why it cannot start.</summary>
public sealed class MailServerTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sm-host-");

    [Fact]
    public async Task TheSelfSignedCertificate_IsMadeOnTheFirstStart_AndReusedOnTheNext()
    {
        string firstThumbprint;
        await using (var first = await MailServer.StartAsync(Options(), NullLoggerFactory.Instance))
        {
            firstThumbprint = await PresentedThumbprintAsync(first.SubmissionsEndPoint);
        }

        using var onDisk = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_directory.FullName, "tls", "cert.pem")));
        var written = File.GetLastWriteTimeUtc(Path.Combine(_directory.FullName, "tls", "cert.pem"));
        await using (var second = await MailServer.StartAsync(Options(), NullLoggerFactory.Instance))
        {
            Assert.Equal(firstThumbprint, await PresentedThumbprintAsync(second.SubmissionsEndPoint));
        }

        Assert.Equal(onDisk.Thumbprint, firstThumbprint);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(_directory.FullName, "tls", "cert.pem")));
    }

    [Fact]
    public async Task TheReadyLine_NamesTheBoundEndpoints()
    {
        var options = Options();
        await using var server = await MailServer.StartAsync(options, NullLoggerFactory.Instance);

        Assert.Equal(
            $"ready smtp=127.0.0.1:{options.SmtpPort} submission=127.0.0.1:{options.SubmissionPort} submissions=127.0.0.1:{options.SubmissionsPort} imap=127.0.0.1:{options.ImapPort} imaps=127.0.0.1:{options.ImapsPort} api=127.0.0.1:{options.ApiPort}",
            server.ReadyLine);
    }

    [Fact]
    public async Task APortInUse_IsAStartErrorNamingIt_AndLeavesNothingBound()
    {
        var options = Options();
        using var squatter = new TcpListener(IPAddress.Loopback, options.SubmissionPort);
        squatter.Start();

        var exception = await Assert.ThrowsAsync<ServerStartException>(() => MailServer.StartAsync(options, NullLoggerFactory.Instance));

        Assert.StartsWith($"cannot listen on 127.0.0.1:{options.SubmissionPort} (submission): ", exception.Message, StringComparison.Ordinal);
        using var probe = new TcpListener(IPAddress.Loopback, options.SmtpPort);
        probe.Start();
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private ServerOptions Options() => TestServer.Options(_directory);

    private static async Task<string> PresentedThumbprintAsync(IPEndPoint endPoint)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endPoint);
        await using var tls = new System.Net.Security.SslStream(client.GetStream(), false, (_, certificate, _, _) => certificate is not null);
        // Any certificate will do: the test compares what two starts present, not whether it is trusted.
        await tls.AuthenticateAsClientAsync("localhost");
        return tls.RemoteCertificate!.GetCertHashString();
    }
}
