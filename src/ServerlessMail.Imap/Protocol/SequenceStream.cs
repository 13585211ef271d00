using System.Buffers;

namespace ServerlessMail.Imap.Protocol;

/// <summary>A read-only stream over a literal where it lies in the input buffer, so APPEND hands it on without copying.</summary>
internal sealed class SequenceStream(ReadOnlySequence<byte> sequence) : Stream
{
    private readonly long _length = sequence.Length;
    private ReadOnlySequence<byte> _remaining = sequence;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _length - _remaining.Length;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, _remaining.Length);
        _remaining.Slice(0, length).CopyTo(buffer);
        _remaining = _remaining.Slice(length);
        return length;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
