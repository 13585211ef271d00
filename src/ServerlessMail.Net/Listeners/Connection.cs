using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;

namespace ServerlessMail.Net;

/// <summary>
/// One client connection. Protocol sessions read and write through <see cref="Input"/> and <see cref="Output"/>; after
/// <see cref="UpgradeToTlsAsync"/> they are replaced by pipes over the TLS stream. The transport is any stream: a
/// socket's NetworkStream in production, an in-memory duplex stream in transcript tests.
/// </summary>
public sealed class Connection : IAsyncDisposable
{
    private readonly Stream _transport;
    private SslStream? _tls;

    public Connection(Stream transport, EndPoint? remote, EndPoint? local, bool implicitTls = false)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
        RemoteEndPoint = remote;
        LocalEndPoint = local;
        IsImplicitTls = implicitTls;
        (Input, Output) = CreatePipes(transport);
    }

    public EndPoint? RemoteEndPoint { get; }

    public EndPoint? LocalEndPoint { get; }

    /// <summary>The peer's IP address, or <see cref="IPAddress.None"/> for non-IP transports.</summary>
    public IPAddress RemoteAddress => (RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;

    /// <summary>True for a port that starts with TLS (465, 993); the listener performs the handshake first.</summary>
    public bool IsImplicitTls { get; }

    public PipeReader Input { get; private set; }

    public PipeWriter Output { get; private set; }

    public bool IsTls => _tls is not null;

    public SslProtocols? TlsProtocol => _tls?.SslProtocol;

    public string? TlsCipher => _tls?.NegotiatedCipherSuite.ToString();

    /// <summary>
    /// Switches to TLS. The caller has already sent its "go ahead" reply and must pass in whatever its parser had left
    /// unread: any byte the client sent after the STARTTLS command and before the handshake is plaintext that an
    /// attacker could have injected (CVE-2011-0411 class), so this refuses the upgrade and the session must close.
    /// </summary>
    public async Task<TlsUpgradeResult> UpgradeToTlsAsync(SslServerAuthenticationOptions options, long unreadBytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_tls is not null)
        {
            return TlsUpgradeResult.AlreadyTls;
        }

        if (unreadBytes > 0 || BufferedInputLength() > 0)
        {
            return TlsUpgradeResult.PlaintextPipelined;
        }

        // The pipes buffered nothing, so the raw stream is exactly at the first handshake byte.
        await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        var tls = new SslStream(_transport, leaveInnerStreamOpen: true);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await tls.AuthenticateAsServerAsync(options, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException or OperationCanceledException)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            return TlsUpgradeResult.HandshakeFailed;
        }

        // The plaintext pipes are empty (checked above); release their buffers without closing the socket.
        await Input.CompleteAsync().ConfigureAwait(false);
        await Output.CompleteAsync().ConfigureAwait(false);
        _tls = tls;
        (Input, Output) = CreatePipes(tls);
        return TlsUpgradeResult.Upgraded;
    }

    /// <summary>Performs the handshake of an implicit-TLS port before any protocol byte is exchanged.</summary>
    public Task<TlsUpgradeResult> StartImplicitTlsAsync(SslServerAuthenticationOptions options, TimeSpan timeout, CancellationToken cancellationToken) =>
        UpgradeToTlsAsync(options, 0, timeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Input.CompleteAsync().ConfigureAwait(false);
        await Output.CompleteAsync().ConfigureAwait(false);
        if (_tls is not null)
        {
            await _tls.DisposeAsync().ConfigureAwait(false);
        }

        await _transport.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A non-blocking peek: how many bytes the client sent that are already read from the transport into the input
    /// pipe and not yet consumed. After a STARTTLS line, any is pipelined plaintext (see <see cref="UpgradeToTlsAsync"/>).
    /// </summary>
    public long BufferedInputLength()
    {
        if (!Input.TryRead(out var result))
        {
            return 0;
        }

        var length = result.Buffer.Length;
        Input.AdvanceTo(result.Buffer.Start);
        return length;
    }

    private static (PipeReader, PipeWriter) CreatePipes(Stream stream) =>
        (PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4096, leaveOpen: true)),
         // A flush writes each pipe segment to the stream on its own: 16 KB segments fill a TLS record (RFC 8446 §5.1)
         // each, so a large response (IMAP FETCH) costs a quarter of the records and send calls 4 KB ones did.
         PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true)));
}

public enum TlsUpgradeResult
{
    Upgraded,

    /// <summary>Bytes followed the STARTTLS command before the handshake: refuse and close (no plaintext survives).</summary>
    PlaintextPipelined,

    AlreadyTls,

    HandshakeFailed,
}
