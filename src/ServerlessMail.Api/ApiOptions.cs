namespace ServerlessMail.Api;

/// <summary>The API's settings, every default in one place. The host binds them from its flags and environment.</summary>
public sealed record ApiOptions
{
    /// <summary>The name clients use to reach SMTP and IMAP, shown in access details and autoconfig.</summary>
    public string PublicHostName { get; init; } = "localhost";

    public int SubmissionPort { get; init; } = 2587;

    public int SubmissionsPort { get; init; } = 2465;

    public int ImapPort { get; init; } = 1143;

    public int ImapsPort { get; init; } = 8993;

    /// <summary>A raw message (append) or a composed one (send), in octets; the SMTP edge's default message size.</summary>
    public long MaxMessageBytes { get; init; } = 25 * 1024 * 1024;

    /// <summary>Any request body, in octets: room for a message's attachments in base64 inside JSON.</summary>
    public long MaxRequestBytes { get; init; } = 36 * 1024 * 1024;

    /// <summary>Requests per second per token, sustained, and the burst above it (ASP.NET Core's token bucket).</summary>
    public int RequestsPerSecond { get; init; } = 50;

    public int RequestBurst { get; init; } = 200;

    /// <summary>
    /// Failed authentications (401s) a client address may make in a burst, and how often one more is allowed after;
    /// past it the address gets 429. Generous for a script with a stale token, useless for guessing.
    /// </summary>
    public int FailedAuthBurst { get; init; } = 20;

    public TimeSpan FailedAuthRefill { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest wait-for; RFC-less but chosen below common proxy idle timeouts (60 s).</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often a waiter re-reads the store without a notification: deliveries made in another process (a Lambda on
    /// the AWS store) never reach this process's notifier.
    /// </summary>
    public TimeSpan WaitRecheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Send answers remembered per process, to refuse a reused key with a different body (see IdempotencyMiddleware).</summary>
    public int IdempotencyEntries { get; init; } = 10_000;

    public TimeSpan IdempotencyLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Memory for serialized message listings, validated against the folder's version on every request (see
    /// ListingCache); 0 turns the cache off.
    /// </summary>
    public long ListingCacheBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>The largest text or HTML body a message read returns by default, in UTF-8 octets.</summary>
    public int DefaultMaxTextBytes { get; init; } = 1024 * 1024;
}
