namespace ServerlessMail.Core;

/// <summary>
/// Cleans an outbound message in one forward pass over its bytes, chunk by chunk, holding at most a field name:
/// <list type="bullet">
/// <item>every line ends in CRLF: a bare CR or a bare LF is taken as a line end and written as CRLF (RFC 5322 §2.3
/// allows CR and LF only together; RFC 5321 §2.3.8), so no relay sees an ambiguous line end;</item>
/// <item><c>Bcc</c> and <c>Resent-Bcc</c> fields (RFC 5322 §3.6.3, §3.6.6), with their folded continuation lines, are
/// removed from the header, so the recipients they name stay hidden from everyone else.</item>
/// </list>
/// The header ends at the first empty line; the body is copied with only its line ends normalised.
/// </summary>
public sealed class MessageCleaner
{
    /// <summary>
    /// Bytes of a field name held before it is known not to be a Bcc field: "resent-bcc" is 10, and RFC 5322 §4.5
    /// (obs-optional) allows white space before the colon. A longer name is simply not a Bcc field.
    /// </summary>
    private const int NameLimit = 16;

    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    private readonly byte[] _name = new byte[NameLimit];
    private Phase _phase = Phase.LineStart;
    private int _nameLength;
    private bool _dropping;
    private bool _pendingCr;

    private enum Phase
    {
        /// <summary>At the start of a header line.</summary>
        LineStart,

        /// <summary>Reading a field name into the holding buffer.</summary>
        Name,

        /// <summary>The rest of a header line that is kept.</summary>
        Copy,

        /// <summary>The rest of a Bcc line, or a continuation of one.</summary>
        Drop,

        Body,
    }

    /// <summary>The output space <see cref="Clean"/> may need for <paramref name="inputLength"/> input bytes.</summary>
    public static int MaxOutput(int inputLength) => (2 * inputLength) + NameLimit + 2;

    /// <summary>Cleans the next chunk into <paramref name="output"/> (at least <see cref="MaxOutput"/> long); returns the bytes written.</summary>
    public int Clean(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < MaxOutput(input.Length))
        {
            throw new ArgumentException("The output span is too small for this input.", nameof(output));
        }

        var written = 0;
        var i = 0;
        while (i < input.Length)
        {
            if (_phase == Phase.Body && !_pendingCr)
            {
                // The bulk of a message: copy up to the next line-end byte at once.
                var run = input[i..].IndexOfAny(Cr, Lf);
                var length = run < 0 ? input.Length - i : run;
                input.Slice(i, length).CopyTo(output[written..]);
                written += length;
                i += length;
                if (run < 0)
                {
                    break;
                }
            }

            var b = input[i++];
            if (_pendingCr)
            {
                _pendingCr = false;
                written += EndLine(output[written..]);
                if (b == Lf)
                {
                    continue;
                }
            }

            if (b == Cr)
            {
                _pendingCr = true;
            }
            else if (b == Lf)
            {
                written += EndLine(output[written..]);
            }
            else
            {
                written += Take(b, output[written..]);
            }
        }

        return written;
    }

    /// <summary>Flushes what is held at the end of the message (a trailing CR, a name without a colon).</summary>
    public int Finish(Span<byte> output)
    {
        var written = 0;
        if (_pendingCr)
        {
            _pendingCr = false;
            written += EndLine(output);
        }

        if (_phase == Phase.Name)
        {
            written += FlushName(output[written..]);
            _phase = Phase.Copy;
        }

        return written;
    }

    private int Take(byte b, Span<byte> output)
    {
        switch (_phase)
        {
            case Phase.Body:
            case Phase.Copy:
                output[0] = b;
                return 1;
            case Phase.Drop:
                return 0;
            case Phase.LineStart when b is (byte)' ' or (byte)'\t':
                // A folded continuation belongs to the field above it (RFC 5322 §2.2.3).
                _phase = _dropping ? Phase.Drop : Phase.Copy;
                return _dropping ? 0 : Take(b, output);
            case Phase.LineStart:
                _dropping = false;
                _phase = Phase.Name;
                _name[0] = b;
                _nameLength = 1;
                return 0;
            default:
                return TakeNameByte(b, output);
        }
    }

    private int TakeNameByte(byte b, Span<byte> output)
    {
        if (b == (byte)':')
        {
            if (IsBcc(_name.AsSpan(0, _nameLength)))
            {
                _dropping = true;
                _phase = Phase.Drop;
                _nameLength = 0;
                return 0;
            }
        }
        else if (_nameLength < NameLimit)
        {
            _name[_nameLength++] = b;
            return 0;
        }

        var written = FlushName(output);
        output[written++] = b;
        _phase = Phase.Copy;
        return written;
    }

    private int EndLine(Span<byte> output)
    {
        var written = 0;
        switch (_phase)
        {
            case Phase.LineStart:
                // The empty line that ends the header (RFC 5322 §2.1).
                _phase = Phase.Body;
                break;
            case Phase.Name:
                written = FlushName(output);
                _phase = Phase.LineStart;
                break;
            case Phase.Drop:
                _phase = Phase.LineStart;
                return 0;
            case Phase.Copy:
                _phase = Phase.LineStart;
                break;
            default:
                break;
        }

        output[written++] = Cr;
        output[written++] = Lf;
        return written;
    }

    private int FlushName(Span<byte> output)
    {
        _name.AsSpan(0, _nameLength).CopyTo(output);
        var written = _nameLength;
        _nameLength = 0;
        return written;
    }

    private static bool IsBcc(ReadOnlySpan<byte> name)
    {
        name = name.TrimEnd(" \t"u8);
        return name.Length == 3 ? AsciiEqualsIgnoreCase(name, "bcc"u8) : name.Length == 10 && AsciiEqualsIgnoreCase(name, "resent-bcc"u8);
    }

    private static bool AsciiEqualsIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> lower) =>
        System.Text.Ascii.EqualsIgnoreCase(value, lower);
}
