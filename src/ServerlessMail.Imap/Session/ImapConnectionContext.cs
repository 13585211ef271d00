using Microsoft.Extensions.Logging;
using ServerlessMail.Net;

namespace ServerlessMail.Imap;

/// <summary>What every session of one listener shares.</summary>
internal sealed record ImapConnectionContext(
    ImapServerOptions Options,
    ImapServices Services,
    ServerCertificate? Certificate,
    AuthThrottle Throttle,
    ILogger Logger,
    TimeProvider Clock);
