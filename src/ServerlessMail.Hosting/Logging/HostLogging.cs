using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ServerlessMail.Hosting;

/// <summary>Console logging for the local server: one line per entry, all of it on stderr so stdout carries only the ready line.</summary>
public static class HostLogging
{
    /// <remarks>
    /// ASP.NET Core logs every request at Information; the server's own lines would drown in them, so its categories
    /// show warnings and worse unless the operator asks for debug or trace.
    /// </remarks>
    public static ILoggerFactory CreateConsole(LogLevel minimum) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(minimum)
        .AddFilter("Microsoft", minimum <= LogLevel.Debug ? minimum : LogLevel.Warning)
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            options.ColorBehavior = LoggerColorBehavior.Disabled;
        }));
}
