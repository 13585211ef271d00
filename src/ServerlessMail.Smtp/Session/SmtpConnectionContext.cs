using Microsoft.Extensions.Logging;
using ServerlessMail.Net;

namespace ServerlessMail.Smtp;

/// <summary>What every session of one listener shares.</summary>
internal sealed class SmtpConnectionContext(
    SmtpRole role,
    SmtpServerOptions options,
    SmtpServices services,
    ServerCertificate? certificate,
    AuthThrottle throttle,
    ILogger logger,
    TimeProvider clock)
{
    public SmtpRole Role { get; } = role;

    public SmtpServerOptions Options { get; } = options;

    public SmtpServices Services { get; } = services;

    public ServerCertificate? Certificate { get; } = certificate;

    public AuthThrottle Throttle { get; } = throttle;

    public ILogger Logger { get; } = logger;

    public TimeProvider Clock { get; } = clock;

    public InboundCommitter Inbound { get; } = new(services.Ingest);

    public SubmissionCommitter Submissions { get; } = new(services.Outbound, services.Tokens);
}
