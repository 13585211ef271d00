using System.Runtime.InteropServices;

namespace ServerlessMail.Mime;

/// <summary>
/// A forward-only window over the raw message. Over an array the window is the whole input and nothing is copied;
/// over a stream it is a fixed buffer that slides forward. Every consumed byte passes through <see cref="Advance"/>,
/// which keeps the absolute position and the count of line feeds, so any entity's line count is a subtraction.
/// </summary>
internal sealed class MimeReader
{
    private readonly Stream? _stream;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOrigin;
    private bool _eof;

    public MimeReader(ReadOnlyMemory<byte> input)
    {
        if (!MemoryMarshal.TryGetArray(input, out var segment) || segment.Array is null)
        {
            segment = new ArraySegment<byte>(input.ToArray());
        }

        _buffer = segment.Array!;
        _start = segment.Offset;
        _end = segment.Offset + segment.Count;
        _bufferOrigin = -segment.Offset;
        _eof = true;
    }

    public MimeReader(Stream stream, byte[] buffer)
    {
        _stream = stream;
        _buffer = buffer;
    }

    /// <summary>The absolute offset of the first unconsumed byte.</summary>
    public long Position => _bufferOrigin + _start;

    /// <summary>Line feeds consumed so far.</summary>
    public long LineFeeds { get; private set; }

    /// <summary>The last byte consumed, or -1 before the first.</summary>
    public int LastByte { get; private set; } = -1;

    /// <summary>The largest lookahead <see cref="Ensure"/> can provide.</summary>
    public int Capacity => _stream is null ? int.MaxValue : _buffer.Length;

    /// <summary>Total bytes examined by scans, for the robustness tests that bound work by counting it.</summary>
    public long BytesExamined { get; set; }

    public ReadOnlySpan<byte> Window => new(_buffer, _start, _end - _start);

    public int Available => _end - _start;

    /// <summary>True when every byte of the input has been consumed.</summary>
    public bool AtEnd => _start == _end && !Fill(1);

    /// <summary>True when the window already holds the last byte of the input.</summary>
    public bool InputComplete => _eof;

    public void Advance(int count)
    {
        if (count <= 0)
        {
            return;
        }

        var consumed = new ReadOnlySpan<byte>(_buffer, _start, count);
        LineFeeds += consumed.Count((byte)'\n');
        LastByte = consumed[^1];
        _start += count;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available unless the input ends first; returns what is available.</summary>
    public int Ensure(int count)
    {
        if (_end - _start >= count || _eof)
        {
            return _end - _start;
        }

        Fill(count);
        return _end - _start;
    }

    /// <summary>Reads more input; true when at least one new byte arrived.</summary>
    public bool ReadMore() => !_eof && Fill(_end - _start + 1);

    private bool Fill(int count)
    {
        if (_eof)
        {
            return false;
        }

        if (count > _buffer.Length)
        {
            // Callers bound their lookahead (boundaries, line breaks); asking for more is a parser bug.
            throw new InvalidOperationException($"Lookahead of {count} bytes exceeds the {_buffer.Length}-byte buffer.");
        }

        if (_start > 0 && _buffer.Length - _start < count)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferOrigin += _start;
            _end -= _start;
            _start = 0;
        }

        var before = _end;
        while (_end - _start < count)
        {
            var read = _stream!.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
                break;
            }

            _end += read;
        }

        return _end > before;
    }
}
