using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>
/// One store under test: a fresh, empty pair of stores (a new data directory, or a new table and bucket) and the
/// clock they were given. Each backend's test class creates one per test.
/// </summary>
public abstract class StoreHarness : IAsyncDisposable
{
    public abstract IMailStore Store { get; }

    public abstract IBlobStore Blobs { get; }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    /// <summary>A short name for test output: "local" or "aws".</summary>
    public abstract string Backend { get; }

    public abstract ValueTask DisposeAsync();
}
