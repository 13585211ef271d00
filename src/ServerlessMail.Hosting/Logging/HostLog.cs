using System.Net;
using Microsoft.Extensions.Logging;

namespace ServerlessMail.Hosting;

/// <summary>Everything the host logs. No setting value that could be a secret is ever an argument here.</summary>
internal static partial class HostLog
{
    [LoggerMessage(1, LogLevel.Information, "opened the {Store}")]
    public static partial void StoreOpened(ILogger logger, string store);

    [LoggerMessage(2, LogLevel.Information, "outbound relay: {Relay}")]
    public static partial void RelayChosen(ILogger logger, string relay);

    [LoggerMessage(3, LogLevel.Information, "TLS certificate: {Source}")]
    public static partial void Certificate(ILogger logger, string source);

    [LoggerMessage(4, LogLevel.Information, "listening: {Listener} on {EndPoint}")]
    public static partial void Listening(ILogger logger, string listener, IPEndPoint endPoint);

    [LoggerMessage(5, LogLevel.Warning, "delivery of {AcceptedId} failed (attempt {Attempt}); it stays accepted and is retried")]
    public static partial void DeliveryFailed(ILogger logger, string acceptedId, int attempt, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "relaying {OutboundId} failed (attempt {Attempt}); it is retried")]
    public static partial void RelayFailed(ILogger logger, string outboundId, int attempt, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "outbound {OutboundId}: {Status} {ProviderMessageId}")]
    public static partial void Relayed(ILogger logger, string outboundId, string status, string? providerMessageId);

    [LoggerMessage(8, LogLevel.Debug, "delivered {AcceptedId} to {Recipients} recipient(s)")]
    public static partial void Delivered(ILogger logger, string acceptedId, int recipients);

    [LoggerMessage(9, LogLevel.Error, "the {Worker} worker stopped on a fault; restarting it in {Delay}")]
    public static partial void WorkerFaulted(ILogger logger, string worker, TimeSpan delay, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "{Listener}: connection from {Remote} ended with a fault")]
    public static partial void ConnectionFaulted(ILogger logger, string listener, EndPoint? remote, Exception exception);

    [LoggerMessage(11, LogLevel.Information, "stopping: no new connections; sessions in flight get {Drain} to finish")]
    public static partial void Stopping(ILogger logger, TimeSpan drain);

    [LoggerMessage(12, LogLevel.Information, "stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(13, LogLevel.Information, "default domain {Domain} (account {AccountId}); admin token file {TokenPath}")]
    public static partial void DefaultDomain(ILogger logger, string domain, string accountId, string tokenPath);

    [LoggerMessage(14, LogLevel.Information, "role edge: SMTP and IMAP only; the ingest function delivers what is accepted (raw/), the relay function sends what is submitted (outbound/)")]
    public static partial void EdgeRole(ILogger logger);
}
