namespace ServerlessMail.Mime;

/// <summary>A source over a seekable stream. The caller owns the stream and keeps it open while reading.</summary>
public sealed class StreamMimeSource : IMimeSource
{
    private readonly Stream _stream;
    private readonly long _origin;

    public StreamMimeSource(Stream stream, long origin = 0)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The stream must be seekable.", nameof(stream));
        }

        _stream = stream;
        _origin = origin;
    }

    public long Length => _stream.Length - _origin;

    public int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        _stream.Position = _origin + offset;
        var total = 0;
        while (total < destination.Length)
        {
            var read = _stream.Read(destination[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
