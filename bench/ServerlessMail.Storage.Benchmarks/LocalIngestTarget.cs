using System.Globalization;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local;

namespace ServerlessMail.Storage.Benchmarks;

/// <summary>
/// The embedded store on a fresh data directory per cell (<c>--work</c>, default the temp directory). The directories
/// are deleted when the process exits, not between cells: ext4's inode allocator slows down markedly just after
/// thousands of files are deleted (it skips recently freed inodes), which would penalise the next cell.
/// </summary>
internal sealed class LocalIngestTarget : IIngestBenchmarkTarget
{
    private static readonly List<string> Directories = [];

    static LocalIngestTarget() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Directories.ForEach(d => Directory.Delete(d, recursive: true));

    public string Name => "local";

    public Task<IIngestBenchmarkStores> CreateAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(settings.WorkDirectory, "sm-bench-" + Guid.NewGuid().ToString("N"));
        var options = new LocalStorageOptions { DataDirectory = directory, Fsync = settings.Fsync };
        lock (Directories)
        {
            Directories.Add(directory);
        }

        return Task.FromResult<IIngestBenchmarkStores>(new Stores(new LocalMailStore(options, TimeProvider.System), new LocalBlobStore(options)));
    }

    private sealed class Stores(LocalMailStore store, LocalBlobStore blobs) : IIngestBenchmarkStores
    {
        public IMailStore Store => store;

        public IBlobStore Blobs => blobs;

        public long? Requests => null;

        /// <summary>How well group commit shared transactions (and so WAL fsyncs) between concurrent writes.</summary>
        public string? Describe(long messages) =>
            string.Create(
                CultureInfo.InvariantCulture,
                $"{store.Writes.Operations / (double)Math.Max(1, messages):F1} writes and {store.Writes.Batches / (double)Math.Max(1, messages):F2} commits per message ({store.Writes.Operations / (double)Math.Max(1, store.Writes.Batches):F1} writes per commit)");

        public ValueTask DisposeAsync() => store.DisposeAsync();
    }
}
