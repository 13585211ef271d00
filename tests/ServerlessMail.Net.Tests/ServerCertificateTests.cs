using System.Security.Cryptography.X509Certificates;

namespace ServerlessMail.Net.Tests;

public sealed class ServerCertificateTests
{
    [Fact]
    public void SelfSigned_IsCreatedOnceWithAPrivateKeyOnlyTheOwnerCanRead()
    {
        var directory = Directory.CreateTempSubdirectory("sm-tls-").FullName;
        using var first = ServerCertificate.LoadOrCreateSelfSigned(directory, "mx.example.test");
        using var second = ServerCertificate.LoadOrCreateSelfSigned(directory, "mx.example.test");

        Assert.Equal(first.Current.Thumbprint, second.Current.Thumbprint);
        Assert.True(first.Current.HasPrivateKey);
        var names = first.Current.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();
        Assert.Contains("mx.example.test", names);
        Assert.Contains("localhost", names);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "tls", "key.pem")));
        }
    }

    [Fact]
    public void RenewedPemFiles_AreReloadedWithoutARestart()
    {
        var first = Directory.CreateTempSubdirectory("sm-tls-a-").FullName;
        var second = Directory.CreateTempSubdirectory("sm-tls-b-").FullName;
        using (ServerCertificate.LoadOrCreateSelfSigned(first, "a.example.test"))
        using (ServerCertificate.LoadOrCreateSelfSigned(second, "b.example.test"))
        {
        }

        var clock = new StepClock();
        using var certificate = ServerCertificate.FromPemFiles(Path.Combine(first, "tls", "cert.pem"), Path.Combine(first, "tls", "key.pem"), clock);
        Assert.Contains("a.example.test", certificate.Current.Subject, StringComparison.Ordinal);

        File.Copy(Path.Combine(second, "tls", "cert.pem"), Path.Combine(first, "tls", "cert.pem"), overwrite: true);
        File.Copy(Path.Combine(second, "tls", "key.pem"), Path.Combine(first, "tls", "key.pem"), overwrite: true);
        File.SetLastWriteTimeUtc(Path.Combine(first, "tls", "cert.pem"), DateTime.UtcNow.AddMinutes(1));
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Contains("b.example.test", certificate.Current.Subject, StringComparison.Ordinal);
    }

    private sealed class StepClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
