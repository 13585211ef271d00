using System.Collections.Concurrent;

namespace ServerlessMail.Storage.Local.Sqlite;

/// <summary>
/// Read-only connections. In WAL mode readers never block the writer or each other; each read runs on its own
/// snapshot, so it sees every commit that completed before it started.
/// </summary>
internal sealed class ReaderPool : IDisposable
{
    private readonly ConcurrentBag<SqlSession> _idle = [];
    private readonly SemaphoreSlim _available;
    private readonly List<SqlSession> _all;

    public ReaderPool(IReadOnlyList<SqlSession> sessions)
    {
        _all = [.. sessions];
        foreach (var session in sessions)
        {
            _idle.Add(session);
        }

        _available = new SemaphoreSlim(sessions.Count, sessions.Count);
    }

    public async ValueTask<SqlSession> RentAsync(CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_idle.TryTake(out var session))
        {
            return session;
        }

        _available.Release();
        throw new InvalidOperationException("The reader pool lost track of a connection.");
    }

    public void Return(SqlSession session)
    {
        _idle.Add(session);
        _available.Release();
    }

    public void Dispose()
    {
        foreach (var session in _all)
        {
            session.Dispose();
        }

        _available.Dispose();
    }
}
