using System.Net;
using System.Net.Sockets;

namespace ServerlessMail.Net;

/// <summary>
/// Accepts connections on one port and runs each in its own task. Enforces the connection limits, does the TLS
/// handshake of implicit-TLS ports, and on stop drains: it stops accepting, lets sessions finish for the drain timeout,
/// then cancels them. Faults are reported once per connection through <see cref="ConnectionFaulted"/>.
/// </summary>
public sealed class TcpListenerHost : IAsyncDisposable
{
    private readonly ListenerOptions _options;
    private readonly IConnectionHandler _handler;
    private readonly ServerCertificate? _certificate;
    private readonly ConnectionLimiter _limiter;
    private readonly CancellationTokenSource _sessions = new();
    private readonly ConcurrentSet _running = new();
    private Socket? _socket;
    private Task? _acceptLoop;

    public TcpListenerHost(ListenerOptions options, IConnectionHandler handler, ServerCertificate? certificate)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        if (options.ImplicitTls && certificate is null)
        {
            throw new ArgumentException("An implicit-TLS listener needs a certificate.", nameof(certificate));
        }

        _options = options;
        _handler = handler;
        _certificate = certificate;
        _limiter = new ConnectionLimiter(options.MaxConnections, options.MaxConnectionsPerAddress);
    }

    /// <summary>Raised when a session ends with an unexpected exception (the host logs it).</summary>
    public event Action<ListenerOptions, EndPoint?, Exception>? ConnectionFaulted;

    /// <summary>The bound endpoint (with the real port when 0 was asked for).</summary>
    public IPEndPoint? LocalEndPoint => _socket?.LocalEndPoint as IPEndPoint;

    public int OpenConnections => _limiter.Open;

    public void Start()
    {
        var socket = new Socket(_options.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (_options.EndPoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = true;
        }

        socket.Bind(_options.EndPoint);
        socket.Listen(512);
        _socket = socket;
        _acceptLoop = AcceptLoopAsync(socket);
    }

    /// <summary>Stops accepting and drains open sessions (see the class remarks).</summary>
    public async Task StopAsync()
    {
        _socket?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        var drained = Task.WhenAll(_running.Snapshot());
        if (await Task.WhenAny(drained, Task.Delay(_options.DrainTimeout)).ConfigureAwait(false) != drained)
        {
            await _sessions.CancelAsync().ConfigureAwait(false);
            await drained.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _sessions.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is ObjectDisposedException or SocketException)
            {
                return;
            }

            client.NoDelay = true;
            var task = RunConnectionAsync(client);
            _running.Add(task);
            _ = task.ContinueWith(static (t, state) => ((ConcurrentSet)state!).Remove(t), _running, TaskScheduler.Default);
        }
    }

    private async Task RunConnectionAsync(Socket client)
    {
        var address = (client.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        await using var connection = new Connection(new NetworkStream(client, ownsSocket: true), client.RemoteEndPoint, client.LocalEndPoint, _options.ImplicitTls);
        var token = _sessions.Token;
        if (!_limiter.TryAcquire(address))
        {
            await RunGuardedAsync(connection, () => _handler.RefuseAsync(connection, token)).ConfigureAwait(false);
            return;
        }

        try
        {
            if (_options.ImplicitTls &&
                await connection.StartImplicitTlsAsync(_certificate!.ServerOptions(), _options.HandshakeTimeout, token).ConfigureAwait(false) != TlsUpgradeResult.Upgraded)
            {
                return;
            }

            await RunGuardedAsync(connection, () => _handler.RunAsync(connection, token)).ConfigureAwait(false);
        }
        finally
        {
            _limiter.Release(address);
        }
    }

    private async Task RunGuardedAsync(Connection connection, Func<Task> session)
    {
        try
        {
            await session().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or the host is stopping: an ordinary end of a connection.
        }
        catch (Exception exception)
        {
            ConnectionFaulted?.Invoke(_options, connection.RemoteEndPoint, exception);
        }
    }

    /// <summary>The tasks of open sessions, so a stop can wait for them.</summary>
    private sealed class ConcurrentSet
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> _tasks = new();

        public void Add(Task task) => _tasks.TryAdd(task, 0);

        public void Remove(Task task) => _tasks.TryRemove(task, out _);

        public Task[] Snapshot() => _tasks.Keys.ToArray();
    }
}
