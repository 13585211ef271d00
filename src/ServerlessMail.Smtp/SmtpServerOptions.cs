namespace ServerlessMail.Smtp;

/// <summary>Every setting of the SMTP server, with its default, in one place. A host binds them from flags and environment.</summary>
public sealed record SmtpServerOptions
{
    /// <summary>The name in the greeting, the EHLO reply and Received headers.</summary>
    public string HostName { get; init; } = "localhost";

    /// <summary>Message size limit, advertised as SIZE and counted while streaming (RFC 1870). 25 MB.</summary>
    public long MaxMessageSize { get; init; } = 25L * 1024 * 1024;

    /// <summary>A command line with its CRLF (RFC 5321 §4.5.3.1.4 asks for at least 512).</summary>
    public int MaxCommandLineLength { get; init; } = 512;

    /// <summary>An AUTH command or SASL response line (RFC 4954 §4: servers take 12288 octets).</summary>
    public int MaxAuthLineLength { get; init; } = 12_288;

    /// <summary>A line of message content with its CRLF (RFC 5321 §4.5.3.1.6).</summary>
    public int MaxTextLineLength { get; init; } = 1_000;

    /// <summary>Recipients per message; the rest get <c>452 4.5.3</c> (RFC 5321 §4.5.3.1.8).</summary>
    public int MaxRecipients { get; init; } = 100;

    /// <summary>Syntax and sequence errors (5xx replies to commands) before <c>421</c> and close.</summary>
    public int MaxBadCommands { get; init; } = 10;

    /// <summary>Refused recipients per session before <c>421</c> and close: address harvesting costs a new connection.</summary>
    public int MaxRejectedRecipients { get; init; } = 20;

    /// <summary>Failed AUTH attempts per session before <c>421</c> and close (on top of <c>AuthThrottle</c>'s delays).</summary>
    public int MaxAuthFailures { get; init; } = 3;

    /// <summary>How long the server waits for a command line (RFC 5321 §4.5.3.2.7 suggests 5 minutes; we need less).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the server waits for the next block of DATA or BDAT content (RFC 5321 §4.5.3.2.6).</summary>
    public TimeSpan DataBlockTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a STARTTLS handshake may take.</summary>
    public TimeSpan TlsHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Message content must arrive at least this fast on average (bytes per second), after the grace period.</summary>
    public double MinDataRate { get; init; } = 240;

    /// <summary>How long a message transfer may run before <see cref="MinDataRate"/> applies.</summary>
    public TimeSpan MinDataRateGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// On the inbound port, how long the server waits before its greeting. A client that talks before the greeting is not
    /// a real MTA (RFC 5321 §3.1 requires waiting for it) and gets <c>554</c> and close. Zero still refuses bytes that
    /// arrived before the greeting was written.
    /// </summary>
    public TimeSpan GreetingDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>On submission, the header block read before committing, to check <c>From:</c> against the inbox.</summary>
    public int MaxSubmissionHeaderBytes { get; init; } = 64 * 1024;

    /// <summary>Bare LF and bare CR: refused everywhere. Not configurable; see <see cref="BareLineEndingPolicy"/>.</summary>
    public BareLineEndingPolicy BareLineEndings { get; } = BareLineEndingPolicy.Reject;

    /// <summary>
    /// Addresses an inbox may send as besides its own, keyed by the inbox address (lower-case): used for both MAIL FROM
    /// and <c>From:</c>. Empty by default: an inbox sends as itself only.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SendAs { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Whether a SASL authorization identity other than the user name is honoured: when true, an account-scoped token may
    /// act for another inbox of its account; when false (the default), such an AUTH is refused.
    /// </summary>
    public bool AllowAuthorizationIdentity { get; init; }

    /// <summary>Throws when a setting is outside what the protocol allows.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(HostName);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCommandLineLength, 512);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAuthLineLength, MaxCommandLineLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextLineLength, 1_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecipients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageSize, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBadCommands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRejectedRecipients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAuthFailures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSubmissionHeaderBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfNegative(MinDataRate);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CommandTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DataBlockTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(GreetingDelay.Ticks);
        ArgumentNullException.ThrowIfNull(SendAs);
    }
}
