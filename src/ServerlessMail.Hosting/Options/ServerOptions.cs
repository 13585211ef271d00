using System.Net;

namespace ServerlessMail.Hosting;

public enum RelayKind
{
    /// <summary>Nothing leaves the machine; captured mail is listed through the store. The default.</summary>
    Local,

    Ses,

    Smtp,
}

/// <summary>What one <c>serve</c> process runs.</summary>
public enum ServerRole
{
    /// <summary>Everything in one process: SMTP, IMAP, the REST API and the delivery and relay workers. The default.</summary>
    All,

    /// <summary>
    /// The mail edge of an AWS deployment: the SMTP and IMAP listeners only, on the AWS store. Accepted mail is written
    /// under <c>raw/</c> and the S3-triggered ingest function delivers it; submitted mail is written under
    /// <c>outbound/</c> and the relay function sends it (the edge relaying too would race it for the same message);
    /// the API runs as its own function. No first start either: the operator creates accounts with the CLI.
    /// </summary>
    Edge,
}

public enum SmarthostTls
{
    StartTls,
    Implicit,
    None,
}

/// <summary>
/// Every setting of <c>serverlessmail serve</c>, with its default (docs: the serve contract). Bound from flags and
/// <c>SERVERLESSMAIL_*</c> variables by <see cref="ServerOptionsBinder"/>; <see cref="ServerSettings"/> names them.
/// </summary>
public sealed record ServerOptions
{
    public StoreOptions Store { get; init; } = new();

    public ServerRole Role { get; init; } = ServerRole.All;

    /// <summary>The name in the SMTP greeting, EHLO and Received headers, and in a self-signed certificate.</summary>
    public string HostName { get; init; } = "localhost";

    /// <summary>Loopback by default: a laptop server is not an open port on the network until asked to be.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    public int SmtpPort { get; init; } = 2525;

    public int SubmissionPort { get; init; } = 2587;

    public int SubmissionsPort { get; init; } = 2465;

    public int ImapPort { get; init; } = 1143;

    public int ImapsPort { get; init; } = 8993;

    public int ApiPort { get; init; } = 8080;

    /// <summary>The domain the first start creates with the default account; new inboxes land in it unless told otherwise.</summary>
    public string DefaultDomain { get; init; } = "example.test";

    /// <summary>
    /// How often an IMAP IDLE session re-reads the store when no in-process notification wakes it. Everything this
    /// process writes notifies at once; the poll catches writers elsewhere (a Lambda delivering to the AWS store).
    /// </summary>
    public TimeSpan IdlePollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The inbound greeting pause that catches clients talking first (RFC 5321 §3.1); 0 turns it off.</summary>
    public TimeSpan GreetingDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>SIZE, counted while streaming (RFC 1870): 25 MB.</summary>
    public long MaxMessageSize { get; init; } = 25L * 1024 * 1024;

    /// <summary>
    /// Simultaneous connections from one IP address, per listener; the next one gets <c>421</c>. A load test or a
    /// busy relay on one address needs more than the default.
    /// </summary>
    public int MaxConnectionsPerAddress { get; init; } = 20;

    public RelayKind Relay { get; init; } = RelayKind.Local;

    /// <summary>Overrides the SES endpoint (aws-ses-v2-local); null is the region's real endpoint.</summary>
    public Uri? SesEndpoint { get; init; }

    public string SesRegion { get; init; } = "us-east-1";

    public string? SesConfigurationSet { get; init; }

    /// <summary>Required with <see cref="RelayKind.Smtp"/>: host name and port.</summary>
    public DnsEndPoint? Smarthost { get; init; }

    public SmarthostTls SmarthostTls { get; init; } = SmarthostTls.StartTls;

    public string? SmarthostUser { get; init; }

    /// <summary>From <c>SERVERLESSMAIL_SMARTHOST_PASSWORD</c> only: a flag would show it in the process list.</summary>
    public string? SmarthostPassword { get; init; }

    /// <summary>PEM certificate and key; both or neither. Neither: a self-signed pair kept under the data directory.</summary>
    public string? TlsCertificatePath { get; init; }

    public string? TlsKeyPath { get; init; }

    /// <summary>
    /// How often a certificate in S3 (<c>s3://BUCKET/KEY</c>) is re-checked by ETag and reloaded when it changed.
    /// Files need no interval: a file watcher reloads them.
    /// </summary>
    public TimeSpan TlsReloadInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Information by default; Debug adds SMTP session transcripts (AUTH redacted).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>On shutdown, how long SMTP sessions in flight get to finish before they are cut.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
