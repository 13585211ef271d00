using Constructs;

namespace ServerlessMail.Cdk;

/// <summary>How inbound mail reaches raw/: only through the edge, or also through an SES receipt rule.</summary>
public enum SesInbound
{
    Off,
    ReceiptRule,
}

/// <summary>
/// The app's parameters, read from CDK context (<c>-c name=value</c> or cdk.json). Each default is documented in
/// cdk/README.md; a bad value fails synthesis with a message that names the key.
/// </summary>
public sealed record DeploySettings
{
    public const string DomainKey = "serverlessmail:domain";
    public const string HostedZoneIdKey = "serverlessmail:hostedZoneId";
    public const string CertificateSourceKey = "serverlessmail:certificateSource";
    public const string EdgeTaskCountKey = "serverlessmail:edgeTaskCount";
    public const string SesInboundKey = "serverlessmail:sesInbound";
    public const string FunctionsPublishDirKey = "serverlessmail:functionsPublishDir";
    public const string ApiPublishDirKey = "serverlessmail:apiPublishDir";
    public const string RepoRootKey = "serverlessmail:repoRoot";

    public const int DefaultEdgeTaskCount = 2;
    public const int MaxEdgeTaskCount = 50;

    public required string Domain { get; init; }

    /// <summary>A Route 53 hosted zone for <see cref="Domain"/>; without one the records are stack outputs.</summary>
    public string? HostedZoneId { get; init; }

    /// <summary>Null (a self-signed certificate), or the certificate's location for the edge.</summary>
    public CertificateSource? Certificate { get; init; }

    public int EdgeTaskCount { get; init; } = DefaultEdgeTaskCount;

    public SesInbound SesInbound { get; init; } = SesInbound.Off;

    /// <summary>The repository root: the Docker build context of the edge image.</summary>
    public required string RepoRoot { get; init; }

    /// <summary><c>dotnet publish src/ServerlessMail.Functions</c> output: the ingest, relay, SES-events and authorizer code.</summary>
    public required string FunctionsPublishDir { get; init; }

    /// <summary><c>dotnet publish src/ServerlessMail.Api.Lambda</c> output, with run.sh.</summary>
    public required string ApiPublishDir { get; init; }

    /// <summary>The edge's name in SMTP greetings, the MX target.</summary>
    public string MailHost => "mail." + Domain;

    public static DeploySettings FromContext(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        string? Get(string key) => node.TryGetContext(key) switch
        {
            null => null,
            string text when text.Trim().Length == 0 => null,
            var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)?.Trim(),
        };

        var domain = Get(DomainKey)?.TrimEnd('.').ToLowerInvariant()
            ?? throw new ArgumentException($"set the mail domain: -c {DomainKey}=example.com");
        if (!IsDomainName(domain))
        {
            throw new ArgumentException($"{DomainKey}: '{domain}' is not a domain name.");
        }

        var root = Get(RepoRootKey) ?? FindRepoRoot(Directory.GetCurrentDirectory());
        return new DeploySettings
        {
            Domain = domain,
            HostedZoneId = Get(HostedZoneIdKey),
            Certificate = Get(CertificateSourceKey) is { } source ? CertificateSource.Parse(source) : null,
            EdgeTaskCount = ParseTaskCount(Get(EdgeTaskCountKey)),
            SesInbound = Get(SesInboundKey) switch
            {
                null or "off" => SesInbound.Off,
                "receipt-rule" => SesInbound.ReceiptRule,
                var other => throw new ArgumentException($"{SesInboundKey}: '{other}' is not off or receipt-rule."),
            },
            RepoRoot = Path.GetFullPath(root),
            FunctionsPublishDir = Path.GetFullPath(Get(FunctionsPublishDirKey) ?? Path.Combine(root, "artifacts", "publish", "functions")),
            ApiPublishDir = Path.GetFullPath(Get(ApiPublishDirKey) ?? Path.Combine(root, "artifacts", "publish", "api")),
        };
    }

    private static int ParseTaskCount(string? text)
    {
        if (text is null)
        {
            return DefaultEdgeTaskCount;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= MaxEdgeTaskCount
            ? count
            : throw new ArgumentException($"{EdgeTaskCountKey}: '{text}' is not a whole number from 1 to {MaxEdgeTaskCount}.");
    }

    private static bool IsDomainName(string name) =>
        name.Length <= 253
        && name.Contains('.', StringComparison.Ordinal)
        && name.Split('.').All(label => label.Length is >= 1 and <= 63
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && label[0] != '-' && label[^1] != '-');

    /// <summary>cdk.json runs the app from the repository root; tests run it from bin/, so walk up to the solution.</summary>
    private static string FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServerlessMail.sln")))
            {
                return dir.FullName;
            }
        }

        throw new ArgumentException($"no ServerlessMail.sln above {start}; set -c {RepoRootKey}=DIR");
    }
}
