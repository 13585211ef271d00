using Microsoft.Data.Sqlite;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Paging;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

/// <summary>
/// <see cref="IMailStore"/> on SQLite in WAL mode: one writer connection fed by a group-committing queue
/// (<see cref="WriteQueue"/>) and a pool of readers. Every write is one queued operation that validates, then applies,
/// inside the batch's transaction; its caller completes only after the commit, so an acknowledged write is durable.
/// Reads run on their own connection and snapshot and see every write acknowledged before they started.
/// </summary>
public sealed partial class LocalMailStore : IMailStore, IAsyncDisposable
{
    private readonly LocalStorageOptions _options;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _opening = new(1, 1);
    private Opened? _opened;
    private bool _disposed;

    public LocalMailStore(LocalStorageOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentException.ThrowIfNullOrEmpty(options.DataDirectory);
        _options = options;
        _clock = clock;
    }

    /// <summary>Group-commit figures: transactions committed and the writes they carried.</summary>
    internal (long Batches, long Operations) WriteStatistics => (State.Writes.Batches, State.Writes.Operations);

    private Opened State => _opened ?? throw new InvalidOperationException("Call InitializeAsync before using the store.");

    private CursorCodec Cursors => State.Cursors;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _opened ??= Open();
        }
        finally
        {
            _opening.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _opening.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_opened is { } opened)
            {
                // Joining the writer commits what is queued; run it off the caller's thread.
                await Task.Run(opened.Dispose).ConfigureAwait(false);
            }
        }
        finally
        {
            _opening.Release();
        }
    }

    private Opened Open()
    {
        Directory.CreateDirectory(_options.DataDirectory);
        var writer = new SqlSession(Connect(readOnly: false));
        var readers = new List<SqlSession>();
        try
        {
            SchemaMigrator.Migrate(writer, _clock);
            var key = (byte[])writer.Command("SELECT value FROM store_meta WHERE name = 'cursor_key'").ExecuteScalar()!;
            for (var i = 0; i < Math.Max(1, _options.ReaderCount); i++)
            {
                readers.Add(new SqlSession(Connect(readOnly: true)));
            }

            return new Opened(new WriteQueue(writer, _options.MaxWriteBatch), new ReaderPool(readers), writer, new CursorCodec(key));
        }
        catch
        {
            readers.ForEach(r => r.Dispose());
            writer.Dispose();
            throw;
        }
    }

    private SqliteConnection Connect(bool readOnly)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = _options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();

        // WAL lets readers run beside the writer. synchronous=FULL fsyncs the WAL at every commit, so a commit
        // survives power loss; NORMAL would only survive a killed process (https://www.sqlite.org/pragma.html#pragma_synchronous).
        var synchronous = _options.Fsync ? "FULL" : "OFF";
        pragma.CommandText = string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = {synchronous};
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds};
            PRAGMA cache_size = -{_options.CacheSizeKiB};
            PRAGMA temp_store = MEMORY;
            PRAGMA query_only = {(readOnly ? 1 : 0)};
            """);
        pragma.ExecuteNonQuery();
        return connection;
    }

    private async Task<T> ReadAsync<T>(Func<SqlSession, T> read, CancellationToken cancellationToken)
    {
        var readers = State.Readers;
        var session = await readers.RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return read(session);
        }
        catch (SqliteException exception)
        {
            var mapped = SqliteErrors.Map(exception);
            if (ReferenceEquals(mapped, exception))
            {
                throw;
            }

            throw mapped;
        }
        finally
        {
            readers.Return(session);
        }
    }

    /// <summary>A read of several statements on one snapshot, for results that must agree with each other.</summary>
    private Task<T> ReadSnapshotAsync<T>(Func<SqlSession, T> read, CancellationToken cancellationToken) =>
        ReadAsync(
            session =>
            {
                session.Execute("BEGIN");
                try
                {
                    return read(session);
                }
                finally
                {
                    session.Execute("COMMIT");
                }
            },
            cancellationToken);

    private Task<T> WriteAsync<T>(Func<SqlSession, T> apply, CancellationToken cancellationToken) =>
        State.Writes.EnqueueAsync(apply, cancellationToken);

    /// <summary>A write with no result; the task's value is meaningless.</summary>
    private Task<bool> WriteAsync(Action<SqlSession> apply, CancellationToken cancellationToken) =>
        State.Writes.EnqueueAsync(
            session =>
            {
                apply(session);
                return true;
            },
            cancellationToken);

    private sealed record Opened(WriteQueue Writes, ReaderPool Readers, SqlSession Writer, CursorCodec Cursors) : IDisposable
    {
        public void Dispose()
        {
            Writes.Dispose();
            Readers.Dispose();
            Writer.Dispose();
        }
    }
}
