using ServerlessMail.Core;

namespace ServerlessMail.Storage.Local.Sqlite;

/// <summary>
/// The single writer, with group commit. Callers queue operations; a dedicated thread takes everything queued (up to
/// a batch limit), runs each operation inside one transaction under its own SAVEPOINT, commits once, and only then
/// completes the callers. One fsync of the WAL therefore covers a whole batch, which is what lets many concurrent
/// ingests share the cost of durability. An operation that throws is rolled back to its savepoint and fails only its
/// own caller; the others in the batch commit as if it had never run.
/// </summary>
internal sealed class WriteQueue : IDisposable
{
    private readonly SqlSession _session;
    private readonly int _maxBatch;
    private readonly Queue<IWriteOperation> _queue = new();
    private readonly Thread _thread;
    private bool _closed;

    public WriteQueue(SqlSession session, int maxBatch)
    {
        _session = session;
        _maxBatch = Math.Max(1, maxBatch);
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-writer" };
        _thread.Start();
    }

    private long _batches;
    private long _operations;

    /// <summary>Batches committed so far; with <see cref="Operations"/>, how well commits are shared.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public long Operations => Interlocked.Read(ref _operations);

    public Task<T> EnqueueAsync<T>(Func<SqlSession, T> apply, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var operation = new WriteOperation<T>(apply, cancellationToken);
        lock (_queue)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _queue.Enqueue(operation);
            if (_queue.Count == 1)
            {
                Monitor.Pulse(_queue);
            }
        }

        return operation.Task;
    }

    /// <summary>Stops taking operations, commits what is queued, and waits for the writer thread to end.</summary>
    public void Dispose()
    {
        lock (_queue)
        {
            _closed = true;
            Monitor.Pulse(_queue);
        }

        _thread.Join();
    }

    private void Run()
    {
        var batch = new List<IWriteOperation>(_maxBatch);
        while (true)
        {
            lock (_queue)
            {
                while (_queue.Count == 0 && !_closed)
                {
                    Monitor.Wait(_queue);
                }

                if (_queue.Count == 0)
                {
                    return;
                }

                while (batch.Count < _maxBatch && _queue.TryDequeue(out var operation))
                {
                    batch.Add(operation);
                }
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<IWriteOperation> batch)
    {
        try
        {
            _session.Execute("BEGIN IMMEDIATE");
            foreach (var operation in batch)
            {
                Apply(operation);
            }

            _session.Execute("COMMIT");
        }
        catch (Exception exception)
        {
            // The transaction itself failed (disk full, I/O error, or SQLite rolled it back after an error): nothing
            // of this batch is durable, so every caller hears so, including those whose operation had succeeded.
            RollBackQuietly();
            var failure = SqliteErrors.Unavailable(exception);
            foreach (var operation in batch)
            {
                operation.Fail(failure);
                operation.Publish();
            }

            return;
        }

        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _operations, batch.Count);
        foreach (var operation in batch)
        {
            operation.Publish();
        }
    }

    private void Apply(IWriteOperation operation)
    {
        if (operation.IsCancelled)
        {
            operation.Fail(new OperationCanceledException(operation.CancellationToken));
            return;
        }

        _session.Execute("SAVEPOINT op");
        try
        {
            operation.Apply(_session);
        }
        catch (Exception exception) when (!_session.InAutocommit)
        {
            _session.Execute("ROLLBACK TO op");
            _session.Execute("RELEASE op");
            operation.Fail(exception is Microsoft.Data.Sqlite.SqliteException sqlite ? SqliteErrors.Map(sqlite) : exception);
            return;
        }

        _session.Execute("RELEASE op");
    }

    private void RollBackQuietly()
    {
        if (_session.InAutocommit)
        {
            return;
        }

        try
        {
            _session.Execute("ROLLBACK");
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // The connection will report the next failure itself; the batch has already failed.
        }
    }

    private interface IWriteOperation
    {
        bool IsCancelled { get; }

        CancellationToken CancellationToken { get; }

        void Apply(SqlSession session);

        /// <summary>Records the failure; the caller hears of it with the rest of the batch, after the commit.</summary>
        void Fail(Exception exception);

        /// <summary>Completes the caller with the result or the failure recorded while applying.</summary>
        void Publish();
    }

    private sealed class WriteOperation<T>(Func<SqlSession, T> apply, CancellationToken cancellationToken) : IWriteOperation
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;
        private Exception? _failure;

        public Task<T> Task => _completion.Task;

        public bool IsCancelled => cancellationToken.IsCancellationRequested;

        public CancellationToken CancellationToken => cancellationToken;

        public void Apply(SqlSession session) => _result = apply(session);

        public void Fail(Exception exception) => _failure = exception;

        public void Publish()
        {
            if (_failure is OperationCanceledException canceled)
            {
                _completion.TrySetCanceled(canceled.CancellationToken);
            }
            else if (_failure is not null)
            {
                _completion.TrySetException(_failure);
            }
            else
            {
                _completion.TrySetResult(_result);
            }
        }
    }
}
