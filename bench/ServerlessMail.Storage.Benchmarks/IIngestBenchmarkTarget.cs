using ServerlessMail.Core;

namespace ServerlessMail.Storage.Benchmarks;

/// <summary>
/// A storage backend the ingest benchmark runs against, chosen with <c>--store &lt;Name&gt;</c>. Adding a backend is
/// one more file: a class with a parameterless constructor implementing this (found by <see cref="BenchmarkTargets"/>).
/// </summary>
internal interface IIngestBenchmarkTarget
{
    /// <summary>The <c>--store</c> value: "local", "aws".</summary>
    string Name { get; }

    /// <summary>A fresh, empty pair of stores for one cell of the table (not yet initialised).</summary>
    Task<IIngestBenchmarkStores> CreateAsync(BenchmarkSettings settings, CancellationToken cancellationToken);
}

/// <summary>The stores of one cell, and what the backend can say about the work it did.</summary>
internal interface IIngestBenchmarkStores : IAsyncDisposable
{
    IMailStore Store { get; }

    IBlobStore Blobs { get; }

    /// <summary>Requests sent to the backend so far, where requests are the cost (AWS); null where they are not (local).</summary>
    long? Requests { get; }

    /// <summary>A short note for the table about the backend's own work (commits per batch, say), or null.</summary>
    string? Describe(long messages);
}
