using System.Buffers;
using System.Net.Security;
using System.Text;

namespace ServerlessMail.Net.Tests;

public sealed class ConnectionTlsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PlaintextPipelinedAfterStartTls_RefusesTheUpgrade()
    {
        await using var pair = await LoopbackPair.CreateAsync();

        // The attack: the command that asks for TLS and a command meant to run inside it, in one segment.
        await pair.Client.WriteAsync("STARTTLS\r\nRCPT TO:<victim@example.test>\r\n"u8.ToArray());
        var unread = await ReadOneLineAsync(pair.Server);

        var result = await pair.Server.UpgradeToTlsAsync(TestCertificate.Instance.ServerOptions(), unread, Timeout, CancellationToken.None);
        Assert.Equal(TlsUpgradeResult.PlaintextPipelined, result);
        Assert.False(pair.Server.IsTls);
    }

    [Fact]
    public async Task StartTls_UpgradesAndTheProtocolContinuesInsideTls()
    {
        await using var pair = await LoopbackPair.CreateAsync();
        await pair.Client.WriteAsync("STARTTLS\r\n"u8.ToArray());
        var unread = await ReadOneLineAsync(pair.Server);

        var clientTls = new SslStream(pair.Client, leaveInnerStreamOpen: true, TrustTestCertificate);
        var handshake = clientTls.AuthenticateAsClientAsync("mail.example.test");
        var result = await pair.Server.UpgradeToTlsAsync(TestCertificate.Instance.ServerOptions(), unread, Timeout, CancellationToken.None);
        await handshake;

        Assert.Equal(TlsUpgradeResult.Upgraded, result);
        Assert.True(pair.Server.IsTls);
        Assert.True(pair.Server.TlsProtocol >= System.Security.Authentication.SslProtocols.Tls12);

        await clientTls.WriteAsync("NOOP\r\n"u8.ToArray());
        var read = await pair.Server.Input.ReadAsync();
        Assert.Equal("NOOP\r\n", Encoding.ASCII.GetString(read.Buffer.FirstSpan));
        pair.Server.Input.AdvanceTo(read.Buffer.End);
        await clientTls.DisposeAsync();
    }

    [Fact]
    public async Task SecondUpgrade_IsRefused()
    {
        await using var pair = await LoopbackPair.CreateAsync();
        var clientTls = new SslStream(pair.Client, leaveInnerStreamOpen: true, TrustTestCertificate);
        var handshake = clientTls.AuthenticateAsClientAsync("mail.example.test");
        Assert.Equal(TlsUpgradeResult.Upgraded, await pair.Server.StartImplicitTlsAsync(TestCertificate.Instance.ServerOptions(), Timeout, CancellationToken.None));
        await handshake;

        Assert.Equal(TlsUpgradeResult.AlreadyTls, await pair.Server.UpgradeToTlsAsync(TestCertificate.Instance.ServerOptions(), 0, Timeout, CancellationToken.None));
        await clientTls.DisposeAsync();
    }

    [Fact]
    public async Task HandshakeFromAPlaintextClient_Fails()
    {
        await using var pair = await LoopbackPair.CreateAsync();
        var upgrade = pair.Server.StartImplicitTlsAsync(TestCertificate.Instance.ServerOptions(), Timeout, CancellationToken.None);
        await pair.Client.WriteAsync("EHLO client.example.test\r\n"u8.ToArray());
        pair.Client.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);

        Assert.Equal(TlsUpgradeResult.HandshakeFailed, await upgrade);
    }

    /// <summary>The client trusts exactly the test certificate (pinned by thumbprint), as a client pinning a self-signed server would.</summary>
    private static bool TrustTestCertificate(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors) =>
        certificate?.GetCertHashString() == TestCertificate.Instance.Current.GetCertHashString();

    /// <summary>Reads the first line as a protocol session would and returns how many bytes it left unread.</summary>
    private static async Task<long> ReadOneLineAsync(Connection connection)
    {
        while (true)
        {
            var result = await connection.Input.ReadAsync();
            var buffer = result.Buffer;
            var lineEnd = buffer.PositionOf((byte)'\n');
            if (lineEnd is { } end)
            {
                var consumed = buffer.GetPosition(1, end);
                var unread = buffer.Slice(consumed).Length;
                connection.Input.AdvanceTo(consumed);
                return unread;
            }

            connection.Input.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
