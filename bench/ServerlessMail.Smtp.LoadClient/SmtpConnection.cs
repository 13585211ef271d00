using System.Buffers;
using System.Globalization;
using System.Text;

namespace ServerlessMail.Smtp.LoadClient;

/// <summary>
/// The client's side of the byte stream: buffered writes sent in one go (one TLS record, one segment where possible)
/// and CRLF-delimited reply lines. The stream can be swapped for an <see cref="System.Net.Security.SslStream"/> after
/// STARTTLS; nothing read before the swap may be left unread (the server sends nothing after its 220).
/// </summary>
internal sealed class SmtpConnection(Stream stream) : IAsyncDisposable
{
    private const int MaxLineLength = 4_096;

    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private readonly byte[] _input = new byte[16 * 1024];
    private int _start;
    private int _end;

    public Stream Stream { get; private set; } = stream;

    public IBufferWriter<byte> Output => _output;

    public void Upgrade(Stream secure)
    {
        if (_start != _end)
        {
            throw new InvalidOperationException("The server sent bytes after its STARTTLS reply.");
        }

        Stream = secure;
    }

    public void WriteLine(string line)
    {
        Encoding.ASCII.GetBytes(line, _output);
        _output.Write("\r\n"u8);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await Stream.WriteAsync(_output.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _output.ResetWrittenCount();
    }

    public async Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>(1);
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                throw new IOException($"Not an SMTP reply: '{line}'.");
            }

            lines.Add(line);
            if (line.Length == 3 || line[3] != '-')
            {
                return new SmtpReply(code, lines);
            }
        }
    }

    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_input, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                var line = Encoding.ASCII.GetString(_input, _start, length > 0 && _input[newline - 1] == '\r' ? length - 1 : length);
                _start = newline + 1;
                return line;
            }

            if (_end - _start >= MaxLineLength)
            {
                throw new IOException("A reply line is too long.");
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_input, _start, _input, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await Stream.ReadAsync(_input.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            _end += read;
        }
    }
}
