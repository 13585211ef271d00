using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ServerlessMail.Net;

/// <summary>
/// The certificate the edges present. It comes from PEM files (checked for changes at most every few seconds, so a
/// renewed certificate is picked up without a restart), from PEM text (the edge container loads it from S3 and calls
/// <see cref="Update"/>), or is made self-signed on a first local start. TLS 1.2 is the minimum.
/// </summary>
public sealed class ServerCertificate : IDisposable
{
    private static readonly TimeSpan ReloadCheckInterval = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _clock;
    private readonly string? _certificatePath;
    private readonly string? _keyPath;
    private readonly Lock _gate = new();
    private X509Certificate2 _current;
    private SslStreamCertificateContext _context;
    private DateTime _loadedWriteTime;
    private DateTime _nextCheck;

    private ServerCertificate(X509Certificate2 certificate, string? certificatePath, string? keyPath, TimeProvider? clock)
    {
        _clock = clock ?? TimeProvider.System;
        _current = certificate;
        _context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null);
        _certificatePath = certificatePath;
        _keyPath = keyPath;
        _loadedWriteTime = LastWrite();
    }

    public X509Certificate2 Current
    {
        get
        {
            ReloadIfChanged();
            return _current;
        }
    }

    public static ServerCertificate FromPemFiles(string certificatePath, string keyPath, TimeProvider? clock = null) =>
        new(Load(File.ReadAllText(certificatePath), File.ReadAllText(keyPath)), certificatePath, keyPath, clock);

    public static ServerCertificate FromPem(string certificatePem, string keyPem) => new(Load(certificatePem, keyPem), null, null, null);

    /// <summary>
    /// Loads <c>tls/cert.pem</c> and <c>tls/key.pem</c> from <paramref name="dataDirectory"/>, creating a self-signed pair
    /// for <paramref name="hostName"/> (and localhost) first when they are missing. The key file is made readable by its
    /// owner only. Clients must be told to trust it or skip verification; this is for local use.
    /// </summary>
    public static ServerCertificate LoadOrCreateSelfSigned(string dataDirectory, string hostName, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentException.ThrowIfNullOrEmpty(hostName);
        var directory = Path.Combine(dataDirectory, "tls");
        var certificatePath = Path.Combine(directory, "cert.pem");
        var keyPath = Path.Combine(directory, "key.pem");
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            Directory.CreateDirectory(directory);
            var (certificatePem, keyPem) = CreateSelfSigned(hostName);
            File.WriteAllText(certificatePath, certificatePem);
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var key = new FileStream(keyPath, options))
            using (var writer = new StreamWriter(key))
            {
                writer.Write(keyPem);
            }
        }

        return FromPemFiles(certificatePath, keyPath, clock);
    }

    /// <summary>Replaces the certificate (the container calls this when the S3 object changes).</summary>
    public void Update(string certificatePem, string keyPem)
    {
        var certificate = Load(certificatePem, keyPem);
        Swap(certificate);
    }

    public SslServerAuthenticationOptions ServerOptions() => new()
    {
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ClientCertificateRequired = false,
        ServerCertificateSelectionCallback = null,
        ServerCertificateContext = CurrentContext(),
    };

    public void Dispose() => _current.Dispose();

    private SslStreamCertificateContext CurrentContext()
    {
        ReloadIfChanged();
        return _context;
    }

    private void ReloadIfChanged()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        if (_certificatePath is null || now < _nextCheck)
        {
            return;
        }

        _nextCheck = now + ReloadCheckInterval;
        var written = LastWrite();
        if (written == _loadedWriteTime)
        {
            return;
        }

        try
        {
            Swap(Load(File.ReadAllText(_certificatePath), File.ReadAllText(_keyPath!)));
            _loadedWriteTime = written;
        }
        catch (Exception exception) when (exception is IOException or CryptographicException or UnauthorizedAccessException)
        {
            // A renewal caught half-written: keep serving the certificate we have and look again later.
        }
    }

    private void Swap(X509Certificate2 certificate)
    {
        lock (_gate)
        {
            _current = certificate;
            _context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null);
        }
    }

    private DateTime LastWrite() => _certificatePath is null
        ? default
        : new[] { File.GetLastWriteTimeUtc(_certificatePath), File.GetLastWriteTimeUtc(_keyPath!) }.Max();

    private static X509Certificate2 Load(string certificatePem, string keyPem)
    {
        using var ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);

        // A PEM key is ephemeral; a PKCS#12 round trip gives SslStream a key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }

    private static (string Certificate, string Key) CreateSelfSigned(string hostName)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hostName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostName);
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
        return (certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
    }
}
