namespace ServerlessMail.Mime;

/// <summary>
/// Streaming decoder for <c>x-uuencode</c> bodies: lines before <c>begin mode name</c> are skipped, each body line is
/// a length character and groups of four characters (each <c>(c - 32) &amp; 63</c>, so both space and backquote are
/// zero), and a zero-length line or <c>end</c> finishes; anything after that is ignored. Tolerant: blank lines are
/// skipped, a line shorter than its length character says still yields what it holds (encoders and transports strip
/// trailing spaces, which stood for zero sextets), and a body without <c>begin</c> yields nothing.
/// </summary>
public sealed class UUDecoder : IMimeDecoder
{
    // A full line is a length character and 84 characters for 63 octets; characters past this are ignored.
    private const int MaxLineLength = 128;

    // The most octets one held line can produce.
    private const int MaxLineOctets = 63;

    private readonly byte[] _line = new byte[MaxLineLength];
    private int _lineLength;
    private State _state;

    private enum State
    {
        BeforeBegin,
        Body,
        Done,
    }

    public int GetMaxDecodedLength(int inputLength) => (int)Math.Min(int.MaxValue, (long)inputLength + MaxLineOctets);

    public int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int written = 0;
        while (!input.IsEmpty && _state != State.Done)
        {
            int newline = input.IndexOf((byte)'\n');
            ReadOnlySpan<byte> part = newline < 0 ? input : input[..newline];
            int room = MaxLineLength - _lineLength;
            part[..Math.Min(part.Length, room)].CopyTo(_line.AsSpan(_lineLength));
            _lineLength += Math.Min(part.Length, room);
            if (newline < 0)
            {
                break;
            }

            written += ProcessLine(output[written..]);
            input = input[(newline + 1)..];
        }

        return written;
    }

    public int Flush(Span<byte> output)
    {
        int written = _state == State.Done ? 0 : ProcessLine(output);
        Reset();
        return written;
    }

    public void Reset()
    {
        _state = State.BeforeBegin;
        _lineLength = 0;
    }

    private int ProcessLine(Span<byte> output)
    {
        ReadOnlySpan<byte> line = _line.AsSpan(0, _lineLength).TrimEnd((byte)'\r');
        _lineLength = 0;
        switch (_state)
        {
            case State.BeforeBegin:
                if (line.StartsWith("begin "u8))
                {
                    _state = State.Body;
                }

                return 0;

            case State.Body:
                return DecodeLine(line, output);

            default:
                return 0;
        }
    }

    private int DecodeLine(ReadOnlySpan<byte> line, Span<byte> output)
    {
        if (line.TrimEnd(" \t"u8).IsEmpty)
        {
            return 0;
        }

        if (line.TrimEnd(" \t"u8).SequenceEqual("end"u8))
        {
            _state = State.Done;
            return 0;
        }

        int remaining = Sextet(line[0]);
        if (remaining == 0)
        {
            _state = State.Done;
            return 0;
        }

        int written = 0;
        ReadOnlySpan<byte> data = line[1..];
        while (remaining > 0 && !data.IsEmpty)
        {
            // Missing characters at the end of a group were stripped spaces, i.e. zero sextets.
            int quantum = 0;
            for (int i = 0; i < 4; i++)
            {
                quantum = (quantum << 6) | (i < data.Length ? Sextet(data[i]) : 0);
            }

            int count = Math.Min(3, remaining);
            for (int i = 0; i < count; i++)
            {
                output[written++] = (byte)(quantum >> (16 - (8 * i)));
            }

            remaining -= count;
            data = data[Math.Min(4, data.Length)..];
        }

        return written;
    }

    private static int Sextet(byte c) => (c - ' ') & 0x3F;
}
