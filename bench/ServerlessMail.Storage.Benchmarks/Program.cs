using System.Globalization;
using ServerlessMail.Storage.Benchmarks;

// Ingest throughput: accept + deliver per message, for each message size and concurrency, printed as it goes and
// then as a markdown table. The machine may be shared: the load average is printed before and after.
BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(BenchmarkSettings.Usage);
    return 2;
}

var targets = BenchmarkTargets.All();
if (!targets.TryGetValue(settings.Store, out var target))
{
    Console.Error.WriteLine($"Unknown store '{settings.Store}'; known: {string.Join(", ", targets.Keys)}.");
    return 2;
}

var benchmark = new IngestBenchmark(target, settings);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store={target.Name} fsync={(settings.Fsync ? "on" : "off")} cores={Environment.ProcessorCount} seconds/cell={settings.Duration.TotalSeconds} {LoadAverage()}"));

// JIT, thread pool and file system warm-up on a throwaway store, so the first cell is not penalised.
foreach (var size in settings.Sizes)
{
    await benchmark.RunAsync(size, settings.Concurrency.Max(), settings.Warmup, CancellationToken.None);
}

var results = new List<CellResult>();
foreach (var size in settings.Sizes)
{
    foreach (var concurrency in settings.Concurrency)
    {
        var result = await benchmark.RunAsync(size, concurrency, settings.Duration, CancellationToken.None);
        results.Add(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Kb(size)} x{concurrency}: {result.Messages} messages in {result.Elapsed.TotalSeconds:F1} s = {result.PerSecond:F0} msg/s (p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, CPU {result.CpuMsPerMessage:F2} ms/msg, {result.SystemShare:P0} in the kernel){(result.Note is null ? "" : "; " + result.Note)}"));
    }
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"After: {LoadAverage()}"));
Console.WriteLine();
var showRequests = results.Any(r => r.Requests is not null);
Console.WriteLine("| Message | Concurrency | Messages | Seconds | Messages/s | p50 ms | p99 ms | CPU ms/message |" + (showRequests ? " Requests/message |" : ""));
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|" + (showRequests ? "---:|" : ""));
foreach (var r in results)
{
    var requests = showRequests ? string.Create(CultureInfo.InvariantCulture, $" {r.Requests / (double)Math.Max(1, r.Messages):F1} |") : "";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {Kb(r.Size)} | {r.Concurrency} | {r.Messages} | {r.Elapsed.TotalSeconds:F1} | {r.PerSecond:F0} | {r.P50Ms:F1} | {r.P99Ms:F1} | {r.CpuMsPerMessage:F2} |{requests}"));
}

return 0;

static string Kb(int size) => string.Create(CultureInfo.InvariantCulture, $"{size / 1024} KB");

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? "loadavg=" + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
