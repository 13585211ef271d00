namespace ServerlessMail.Net.Tests;

internal static class TestCertificate
{
    private static readonly Lazy<ServerCertificate> Shared = new(() =>
        ServerCertificate.LoadOrCreateSelfSigned(Directory.CreateTempSubdirectory("sm-cert-").FullName, "mail.example.test"));

    public static ServerCertificate Instance => Shared.Value;
}
