using System.Globalization;
using System.Net.Security;
using System.Text.Json;
using ServerlessMail.Net;
using ServerlessMail.Relay.Smtp;

namespace ServerlessMail.Relay.Tests;

/// <summary>
/// The scriptable SMTP server in Peers/smtp_peer.py, run with python3 on an ephemeral loopback port with a real TLS
/// certificate (Net's self-signed one). Messages it accepts land in a spool directory this reads back.
/// </summary>
internal sealed class SmtpPeer : IAsyncDisposable
{
    public const string User = "relay@example.test";
    public const string Password = "correct horse battery staple";

    private static readonly Lazy<(string Directory, string Thumbprint)> Certificate = new(() =>
    {
        var directory = Directory.CreateTempSubdirectory("sm-relay-cert-").FullName;
        using var certificate = ServerCertificate.LoadOrCreateSelfSigned(directory, "localhost");
        return (directory, certificate.Current.GetCertHashString());
    });

    private readonly PeerProcess _process;
    private readonly string _spool;

    private SmtpPeer(PeerProcess process, string spool, int port)
    {
        _process = process;
        _spool = spool;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Trusts exactly the peer's certificate, as a production host would trust its smarthost's CA.</summary>
    public static RemoteCertificateValidationCallback PinnedCertificate { get; } =
        (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == Certificate.Value.Thumbprint;

    public static async Task<SmtpPeer> StartAsync(string tls = "starttls", params string[] extra)
    {
        var spool = Directory.CreateTempSubdirectory("sm-relay-spool-").FullName;
        var script = Path.Combine(AppContext.BaseDirectory, "Peers", "smtp_peer.py");
        var tlsDirectory = Path.Combine(Certificate.Value.Directory, "tls");
        string[] arguments =
        [
            script, "--spool", spool, "--tls", tls, "--cert", Path.Combine(tlsDirectory, "cert.pem"), "--key", Path.Combine(tlsDirectory, "key.pem"),
            "--user", User, "--password", Password, .. extra,
        ];
        var (process, ready) = await PeerProcess.StartAsync("python3", arguments, "READY ");
        return new SmtpPeer(process, spool, int.Parse(ready["READY ".Length..], CultureInfo.InvariantCulture));
    }

    public SmarthostOptions Options(SmarthostSecurity security = SmarthostSecurity.StartTls, string? password = Password) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        Security = security,
        Username = security == SmarthostSecurity.None ? null : User,
        Password = security == SmarthostSecurity.None ? null : password,
        TlsTargetHost = "localhost",
        CertificateValidation = PinnedCertificate,
        ClientName = "relay.example.test",
        CommandTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Every message accepted so far, in order: its raw bytes and envelope.</summary>
    public IReadOnlyList<(byte[] Raw, JsonElement Envelope)> Messages() =>
        Directory.GetFiles(_spool, "*.json").Order(StringComparer.Ordinal)
            .Select(path => (File.ReadAllBytes(Path.ChangeExtension(path, ".eml")), JsonDocument.Parse(File.ReadAllText(path)).RootElement))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_spool, recursive: true);
    }
}
