using Microsoft.Extensions.Logging;

namespace ServerlessMail.Imap;

/// <summary>
/// Everything the server logs. Transcripts are Debug; secrets never get here: the session redacts LOGIN and
/// AUTHENTICATE arguments and SASL responses, and literals (messages, APPEND content) are logged as byte counts only.
/// </summary>
internal static partial class ImapLog
{
    [LoggerMessage(1, LogLevel.Debug, "imap {Session} opened from {Remote}")]
    public static partial void Opened(ILogger logger, long session, string? remote);

    [LoggerMessage(2, LogLevel.Debug, "imap {Session} closed")]
    public static partial void Closed(ILogger logger, long session);

    [LoggerMessage(3, LogLevel.Debug, "imap {Session} C: {Line}")]
    public static partial void ClientLine(ILogger logger, long session, string line);

    [LoggerMessage(4, LogLevel.Debug, "imap {Session} S: {Line}")]
    public static partial void ServerLine(ILogger logger, long session, string line);

    [LoggerMessage(5, LogLevel.Error, "imap {Session}: storage fault")]
    public static partial void StorageFault(ILogger logger, long session, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "imap {Session}: session fault")]
    public static partial void SessionFault(ILogger logger, long session, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "imap {Session}: plaintext pipelined after STARTTLS from {Remote}; closing (STARTTLS injection)")]
    public static partial void StartTlsInjection(ILogger logger, long session, string? remote);

    [LoggerMessage(8, LogLevel.Information, "imap {Session}: TLS handshake failed")]
    public static partial void HandshakeFailed(ILogger logger, long session);

    [LoggerMessage(9, LogLevel.Information, "imap {Session}: authentication failed for {User} from {Remote}")]
    public static partial void AuthFailed(ILogger logger, long session, string user, string? remote);

    [LoggerMessage(10, LogLevel.Information, "imap {Session}: closing: {Reason}")]
    public static partial void Closing(ILogger logger, long session, string reason);
}
