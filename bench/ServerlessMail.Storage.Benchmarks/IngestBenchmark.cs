using System.Diagnostics;
using ServerlessMail.Core;

namespace ServerlessMail.Storage.Benchmarks;

/// <summary>One figure: how many messages per second <c>concurrency</c> callers get through accept then deliver.</summary>
/// <remarks>
/// <see cref="UserCpu"/> and <see cref="SystemCpu"/> are this process's CPU time during the cell (every thread: callers,
/// the SQLite writer, GC, JIT). On a shared machine they say more than the rate: at N idle cores the ceiling is about
/// N / (CPU per message).
/// </remarks>
internal sealed record CellResult(
    int Size, int Concurrency, long Messages, TimeSpan Elapsed, double P50Ms, double P99Ms, TimeSpan UserCpu, TimeSpan SystemCpu, long? Requests, string? Note)
{
    public double PerSecond => Messages / Elapsed.TotalSeconds;

    public double CpuMsPerMessage => (UserCpu + SystemCpu).TotalMilliseconds / Math.Max(1, Messages);

    public double SystemShare => SystemCpu / (UserCpu + SystemCpu);
}

/// <summary>
/// Runs cells. Each caller loops: <see cref="MailIngestService.AcceptAsync"/> (blob put, accepted record), then
/// <see cref="MailIngestService.DeliverAsync"/> of that message (parse, resolve, thread, append, mark delivered),
/// the path an SMTP 250 and its delivery take. Each cell gets a fresh store.
/// </summary>
internal sealed class IngestBenchmark(IIngestBenchmarkTarget target, BenchmarkSettings settings)
{
    public async Task<CellResult> RunAsync(int size, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var stores = await target.CreateAsync(settings, cancellationToken);
        await using (stores)
        {
            await stores.Store.InitializeAsync(cancellationToken);
            var clock = TimeProvider.System;
            await BenchmarkMailbox.EnsureAsync(stores.Store, stores.Blobs, clock, cancellationToken);
            using var signal = new DeliverySignal();
            var ingest = new MailIngestService(stores.Store, stores.Blobs, new RecipientResolver(stores.Store), new ThreadResolver(stores.Store, clock), signal, clock);
            var messages = new BenchmarkMessages(size);
            var envelope = new MessageEnvelope("sender@remote.example", [BenchmarkMessages.Recipient], "192.0.2.7");
            var counter = 0L;
            var requestsBefore = stores.Requests;
            using var process = Process.GetCurrentProcess();
            var (userBefore, systemBefore) = (process.UserProcessorTime, process.PrivilegedProcessorTime);
            var stopwatch = Stopwatch.StartNew();
            var latencies = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                var mine = new List<double>();
                while (stopwatch.Elapsed < duration)
                {
                    var started = stopwatch.Elapsed;
                    var raw = messages.Build(Interlocked.Increment(ref counter));
                    var accepted = await ingest.AcceptAsync(new MemoryStream(raw, writable: false), envelope, cancellationToken);
                    var delivered = await ingest.DeliverAsync(accepted.Id, cancellationToken);
                    if (delivered.Accepted.State != IngestState.Delivered)
                    {
                        throw new InvalidOperationException($"Message {accepted.Id} was not delivered: {delivered.Accepted.LastError}");
                    }

                    mine.Add((stopwatch.Elapsed - started).TotalMilliseconds);
                }

                return mine;
            }, cancellationToken)));
            var elapsed = stopwatch.Elapsed;
            process.Refresh();
            var (user, system) = (process.UserProcessorTime - userBefore, process.PrivilegedProcessorTime - systemBefore);
            var all = latencies.SelectMany(l => l).Order().ToArray();
            var requests = stores.Requests - requestsBefore;
            return new CellResult(size, concurrency, all.Length, elapsed, Percentile(all, 0.50), Percentile(all, 0.99), user, system, requests, stores.Describe(all.Length));
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}
