using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace ServerlessMail.Relay.Smtp;

/// <summary>
/// The client's side of one SMTP connection: replies are read through a <see cref="PipeReader"/> and parsed
/// synchronously; commands and DATA are written straight to the stream. After STARTTLS both sides are replaced by the
/// TLS stream, and any byte the server sent before the handshake is refused.
/// </summary>
internal sealed class SmtpClientConnection : IAsyncDisposable
{
    private readonly NetworkStream _network;
    private Stream _stream;
    private PipeReader _input;

    private SmtpClientConnection(NetworkStream network)
    {
        _network = network;
        _stream = network;
        _input = CreateReader(network);
    }

    public bool IsTls => _stream is SslStream;

    public static async Task<SmtpClientConnection> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = Deadline(timeout, cancellationToken);
            await socket.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            return new SmtpClientConnection(new NetworkStream(socket, ownsSocket: true));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<SmtpReply> ReadReplyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(timeout, cancellationToken);
        while (true)
        {
            var result = await _input.ReadAsync(deadline.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (SmtpReplyParser.TryParse(buffer, out var reply, out var consumed))
            {
                _input.AdvanceTo(consumed);
                return reply!;
            }

            if (result.IsCompleted)
            {
                throw new SmtpProtocolException("The server closed the connection.");
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        // Commands carry addresses (UTF-8 only with SMTPUTF8) and base64; the caller has refused CR and LF in them.
        var bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        await WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts TLS (after the server's 220 to STARTTLS, or at once for implicit TLS). Bytes already buffered from the
    /// server would be plaintext an attacker injected to be read as if they came inside TLS (the client-side twin of
    /// CVE-2011-0411), so they end the session.
    /// </summary>
    public async Task UpgradeToTlsAsync(SslClientAuthenticationOptions options, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_input.TryRead(out var pending))
        {
            var length = pending.Buffer.Length;
            _input.AdvanceTo(pending.Buffer.Start);
            if (length > 0)
            {
                throw new SmtpProtocolException("The server sent bytes before the TLS handshake; refusing them.");
            }
        }

        await _input.CompleteAsync().ConfigureAwait(false);
        var tls = new SslStream(_network, leaveInnerStreamOpen: true);
        try
        {
            using var deadline = Deadline(timeout, cancellationToken);
            await tls.AuthenticateAsClientAsync(options, deadline.Token).ConfigureAwait(false);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _stream = tls;
        _input = CreateReader(tls);
    }

    public async ValueTask DisposeAsync()
    {
        await _input.CompleteAsync().ConfigureAwait(false);
        if (_stream is SslStream tls)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
        }

        await _network.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>TLS 1.2 or newer only (RFC 8996 retires 1.0 and 1.1).</summary>
    public static SslClientAuthenticationOptions TlsOptions(string targetHost, RemoteCertificateValidationCallback? validation) => new()
    {
        TargetHost = targetHost,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        RemoteCertificateValidationCallback = validation,
    };

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(timeout);
        return source;
    }

    private static PipeReader CreateReader(Stream stream) =>
        PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true));
}
