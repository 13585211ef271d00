namespace ServerlessMail.Core;

/// <summary>
/// A read-only stream of a message as <see cref="MessageCleaner"/> rewrites it, pulled chunk by chunk from the source,
/// so a 25 MB message is cleaned with about 50 KB of buffers and never held whole. It owns the source stream.
/// </summary>
public sealed class CleanedMessageStream : Stream
{
    private const int ChunkSize = 16 * 1024;

    private readonly Stream _source;
    private readonly MessageCleaner _cleaner = new();
    private readonly byte[] _input = new byte[ChunkSize];
    private readonly byte[] _output = new byte[MessageCleaner.MaxOutput(ChunkSize)];
    private int _outputStart;
    private int _outputEnd;
    private bool _sourceDone;
    private bool _finished;

    public CleanedMessageStream(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_outputStart == _outputEnd && !_finished)
        {
            if (_sourceDone)
            {
                Finish();
            }
            else
            {
                Produce(_source.Read(_input));
            }
        }

        return Drain(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_outputStart == _outputEnd && !_finished)
        {
            if (_sourceDone)
            {
                Finish();
            }
            else
            {
                Produce(await _source.ReadAsync(_input, cancellationToken).ConfigureAwait(false));
            }
        }

        return Drain(buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Produce(int read)
    {
        if (read == 0)
        {
            _sourceDone = true;
            return;
        }

        _outputStart = 0;
        _outputEnd = _cleaner.Clean(_input.AsSpan(0, read), _output);
    }

    private void Finish()
    {
        _outputStart = 0;
        _outputEnd = _cleaner.Finish(_output);
        _finished = true;
    }

    private int Drain(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _outputEnd - _outputStart);
        _output.AsSpan(_outputStart, count).CopyTo(buffer);
        _outputStart += count;
        return count;
    }
}
