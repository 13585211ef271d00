namespace ServerlessMail.Storage.Local;

/// <summary>
/// Settings of the embedded store, every default in one place. The layout under <see cref="DataDirectory"/> is
/// <c>mail.db</c> (SQLite, WAL) for metadata and <c>blobs/&lt;key&gt;</c> for raw messages.
/// </summary>
public sealed class LocalStorageOptions
{
    public const string DatabaseFileName = "mail.db";

    public const string BlobDirectoryName = "blobs";

    /// <summary>Where the database and the blob files live; created if missing.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// When on, a commit and a blob put survive power loss, not just a killed process: SQLite runs with
    /// <c>synchronous=FULL</c> and every blob is fsynced with its directory. Off only for throwaway data.
    /// </summary>
    public bool Fsync { get; init; } = true;

    /// <summary>Read connections; reads never wait for the writer in WAL mode, only for a free reader.</summary>
    public int ReaderCount { get; init; } = 4;

    /// <summary>
    /// The most queued writes committed in one transaction. Larger batches amortise one fsync over more callers
    /// but hold the first caller of a batch a little longer.
    /// </summary>
    public int MaxWriteBatch { get; init; } = 256;

    /// <summary>How long a connection waits for a lock held by another process before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>SQLite page cache per connection, in KiB.</summary>
    public int CacheSizeKiB { get; init; } = 16 * 1024;

    internal string DatabasePath => Path.Combine(DataDirectory, DatabaseFileName);

    internal string BlobRoot => Path.Combine(DataDirectory, BlobDirectoryName);
}
