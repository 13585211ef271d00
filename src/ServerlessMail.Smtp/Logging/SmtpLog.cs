using Microsoft.Extensions.Logging;

namespace ServerlessMail.Smtp;

/// <summary>
/// Everything the server logs. Transcripts are Debug; secrets never get here: the session redacts AUTH arguments and
/// SASL responses before calling <see cref="ClientLine"/>, and message content is logged as a byte count only.
/// </summary>
internal static partial class SmtpLog
{
    [LoggerMessage(1, LogLevel.Debug, "smtp {Session} {Role} opened from {Remote}")]
    public static partial void Opened(ILogger logger, long session, SmtpRole role, string? remote);

    [LoggerMessage(2, LogLevel.Debug, "smtp {Session} closed")]
    public static partial void Closed(ILogger logger, long session);

    [LoggerMessage(3, LogLevel.Debug, "smtp {Session} C: {Line}")]
    public static partial void ClientLine(ILogger logger, long session, string line);

    [LoggerMessage(4, LogLevel.Debug, "smtp {Session} S: {Line}")]
    public static partial void ServerLine(ILogger logger, long session, string line);

    [LoggerMessage(5, LogLevel.Debug, "smtp {Session} C: <{Octets} octets of message content>")]
    public static partial void Content(ILogger logger, long session, long octets);

    [LoggerMessage(6, LogLevel.Error, "smtp {Session}: storage fault while committing a message")]
    public static partial void StorageFault(ILogger logger, long session, Exception exception);

    [LoggerMessage(7, LogLevel.Error, "smtp {Session}: session fault")]
    public static partial void SessionFault(ILogger logger, long session, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "smtp {Session}: plaintext pipelined after STARTTLS from {Remote}; closing (STARTTLS injection)")]
    public static partial void StartTlsInjection(ILogger logger, long session, string? remote);

    [LoggerMessage(9, LogLevel.Information, "smtp {Session}: TLS handshake failed")]
    public static partial void HandshakeFailed(ILogger logger, long session);

    [LoggerMessage(10, LogLevel.Information, "smtp {Session}: authentication failed for {User} from {Remote}")]
    public static partial void AuthFailed(ILogger logger, long session, string user, string? remote);

    [LoggerMessage(11, LogLevel.Information, "smtp {Session}: closing: {Reason}")]
    public static partial void Closing(ILogger logger, long session, string reason);

    [LoggerMessage(12, LogLevel.Warning, "smtp {Session}: a Submissions listener handed over a connection without TLS; closing")]
    public static partial void NotTls(ILogger logger, long session);
}
