namespace ServerlessMail.Api.Http;

/// <summary>The API's log events. Paths are logged, query strings and headers never (they could carry secrets).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(1, LogLevel.Error, "api unhandled error on {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(2, LogLevel.Warning, "api readiness check failed: the store did not answer")]
    public static partial void NotReady(ILogger logger, Exception exception);
}
