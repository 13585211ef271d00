using System.Diagnostics;
using System.Globalization;
using ServerlessMail.Smtp.LoadClient;

// Submission load: every session connects, does STARTTLS (or implicit TLS) and AUTH PLAIN first; the clock starts
// when all are authenticated, so msg/s is the steady state of MAIL/RCPT/DATA on reused sessions. Progress goes to
// stderr, figures to stdout, ending with one tab-separated `result` line for scripts.
LoadSettings settings;
try
{
    settings = LoadSettings.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(LoadSettings.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var messages = new MessageFactory(settings);
var statistics = new LoadStatistics(settings.Messages);
var sessions = Enumerable.Range(0, settings.Sessions).Select(_ => new SubmissionSession(settings, messages, statistics)).ToList();
try
{
    var setup = Stopwatch.StartNew();
    await Task.WhenAll(sessions.Select(session => session.ConnectAsync(cancellation.Token))).ConfigureAwait(false);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{settings.Sessions} sessions connected, TLS and AUTH done in {setup.Elapsed.TotalMilliseconds:F0} ms"));

    var clock = Stopwatch.StartNew();
    using var progress = settings.Quiet ? null : new Timer(_ => Report(statistics, settings.Messages, clock.Elapsed), null, 1_000, 1_000);
    await Task.WhenAll(sessions.Select(session => session.RunAsync(cancellation.Token))).ConfigureAwait(false);
    clock.Stop();

    var seconds = clock.Elapsed.TotalSeconds;
    var rate = statistics.Succeeded / seconds;
    var (p50, p95, p99, max) = (statistics.PercentileMs(50), statistics.PercentileMs(95), statistics.PercentileMs(99), statistics.PercentileMs(100));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{settings.Sessions} sessions, {settings.Messages} messages of {messages.Size} bytes to {settings.Host}:{settings.Port} ({(settings.Tls == TlsMode.StartTls ? "STARTTLS" : "implicit TLS")} + AUTH PLAIN)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{statistics.Succeeded} accepted, {statistics.Failed} refused in {seconds:F2} s = {rate:F0} msg/s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency per message (MAIL to the reply after DATA): p50 {p50:F1} ms, p95 {p95:F1} ms, p99 {p99:F1} ms, max {max:F1} ms"));
    foreach (var failure in statistics.Failures)
    {
        Console.WriteLine($"refused: {failure}");
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result\t{settings.Sessions}\t{messages.Size}\t{statistics.Succeeded}\t{statistics.Failed}\t{seconds:F3}\t{rate:F1}\t{p50:F2}\t{p95:F2}\t{p99:F2}"));
    return statistics.Failed == 0 ? 0 : 1;
}
catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
{
    Console.Error.WriteLine($"smtp-load: {exception.Message}");
    return 1;
}
finally
{
    foreach (var session in sessions)
    {
        await session.DisposeAsync().ConfigureAwait(false);
    }
}

static void Report(LoadStatistics statistics, int total, TimeSpan elapsed)
{
    var done = statistics.Succeeded + statistics.Failed;
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {elapsed.TotalSeconds,5:F1} s: {done}/{total} sent ({statistics.Failed} refused), {statistics.Succeeded / elapsed.TotalSeconds:F0} msg/s"));
}
