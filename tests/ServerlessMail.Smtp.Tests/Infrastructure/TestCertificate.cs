using ServerlessMail.Net;

namespace ServerlessMail.Smtp.Tests;

/// <summary>A self-signed certificate made once per test run in a temp directory, as a first local start makes one.</summary>
internal static class TestCertificate
{
    private static readonly Lazy<ServerCertificate> Shared = new(() =>
        ServerCertificate.LoadOrCreateSelfSigned(Directory.CreateTempSubdirectory("sm-smtp-cert-").FullName, "localhost"));

    public static ServerCertificate Instance => Shared.Value;

    /// <summary>The certificate's PEM file, for clients outside the process (python, swaks) to trust.</summary>
    public static string PemPath
    {
        get
        {
            var path = Path.Combine(Path.GetTempPath(), $"sm-smtp-cert-{Environment.ProcessId}.pem");
            if (!File.Exists(path))
            {
                File.WriteAllText(path, Instance.Current.ExportCertificatePem());
            }

            return path;
        }
    }
}
