using System.Buffers;

namespace ServerlessMail.Mime;

/// <summary>
/// Streaming quoted-printable decoder (RFC 2045 §6.7). <c>=XX</c> takes hex digits in either case; soft line breaks
/// are <c>=</c>, optional trailing whitespace, then CRLF or a bare LF; whitespace at the end of a line is removed
/// (rule 3), including at the end of input; hard line breaks pass through unchanged. Invalid escapes (<c>=G1</c>,
/// <c>=</c> at the end of input, <c>=</c> + CR not followed by LF) are kept literally.
/// </summary>
public sealed class QuotedPrintableDecoder : IMimeDecoder
{
    // Literal whitespace at the end of a chunk is held until we know whether a line break follows; of a longer run (no
    // real line has one) only the last this many octets are held, so the pending state stays bounded.
    private const int MaxPendingWhitespace = 1024;

    // The most octets a pending state can release besides held whitespace: "=", a hex digit or CR.
    private const int MaxPendingOther = 3;

    private static readonly SearchValues<byte> Specials = SearchValues.Create("=\r\n"u8);

    private State _state;
    private byte _firstHexDigit;
    private byte[]? _whitespace;
    private int _whitespaceLength;

    private enum State
    {
        Text,

        /// <summary>After "=".</summary>
        Equals,

        /// <summary>After "=" and one hex digit (in <see cref="_firstHexDigit"/>).</summary>
        EqualsHex,

        /// <summary>After "=" and whitespace (held): a soft line break if a line break follows.</summary>
        EqualsWhitespace,

        /// <summary>After "=", optional whitespace (held) and CR.</summary>
        EqualsCarriageReturn,
    }

    public int GetMaxDecodedLength(int inputLength) =>
        (int)Math.Min(int.MaxValue, (long)inputLength + MaxPendingWhitespace + MaxPendingOther);

    public int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int read = 0;
        int written = 0;

        // Rule 3 may remove literal whitespace only after this output position: decoded "=20" and whitespace before a
        // "=" are not trailing.
        int floor = 0;
        if (_state == State.Text)
        {
            // Whitespace held at the end of the previous chunk goes back into play: removed if a line break follows.
            ReleaseWhitespace(output, ref written);
        }

        while (read < input.Length)
        {
            byte b = input[read];
            switch (_state)
            {
                case State.Text:
                    read = DecodeText(input, read, output, ref written, ref floor);
                    continue;

                case State.Equals:
                    if (HexValue(b) >= 0)
                    {
                        _firstHexDigit = b;
                        _state = State.EqualsHex;
                    }
                    else if (HeaderText.IsWhitespace(b))
                    {
                        HoldWhitespace(b);
                        _state = State.EqualsWhitespace;
                    }
                    else if (b == (byte)'\r')
                    {
                        _state = State.EqualsCarriageReturn;
                    }
                    else if (b == (byte)'\n')
                    {
                        _state = State.Text;
                    }
                    else
                    {
                        // "=" before something that is no escape: keep it, then read the octet as text.
                        output[written++] = (byte)'=';
                        _state = State.Text;
                        continue;
                    }

                    break;

                case State.EqualsHex:
                    _state = State.Text;
                    int low = HexValue(b);
                    if (low >= 0)
                    {
                        output[written++] = (byte)((HexValue(_firstHexDigit) << 4) | low);
                        floor = written;
                        break;
                    }

                    output[written++] = (byte)'=';
                    output[written++] = _firstHexDigit;
                    continue;

                case State.EqualsWhitespace:
                    if (HeaderText.IsWhitespace(b) && _whitespaceLength < MaxPendingWhitespace)
                    {
                        HoldWhitespace(b);
                    }
                    else if (b == (byte)'\r')
                    {
                        _state = State.EqualsCarriageReturn;
                    }
                    else if (b == (byte)'\n')
                    {
                        _whitespaceLength = 0;
                        _state = State.Text;
                    }
                    else
                    {
                        output[written++] = (byte)'=';
                        ReleaseWhitespace(output, ref written);
                        _state = State.Text;
                        continue;
                    }

                    break;

                case State.EqualsCarriageReturn:
                    _state = State.Text;
                    if (b == (byte)'\n')
                    {
                        // Soft line break: the "=", its trailing whitespace and the CRLF all go.
                        _whitespaceLength = 0;
                        break;
                    }

                    output[written++] = (byte)'=';
                    ReleaseWhitespace(output, ref written);
                    output[written++] = (byte)'\r';
                    continue;
            }

            read++;
        }

        if (_state == State.Text)
        {
            HoldTrailingWhitespace(output, ref written, floor);
        }

        return written;
    }

    public int Flush(Span<byte> output)
    {
        int written = 0;
        switch (_state)
        {
            case State.Equals:
            case State.EqualsWhitespace:
                // A body that ends in "=" (plus transport padding) ended in a soft line break: inside a multipart the
                // encoder's final CRLF belongs to the delimiter (RFC 2046 §5.1.1), so the break reaches us bare.
                break;
            case State.EqualsHex:
                output[written++] = (byte)'=';
                output[written++] = _firstHexDigit;
                break;
            case State.EqualsCarriageReturn:
                output[written++] = (byte)'=';
                ReleaseWhitespace(output, ref written);
                output[written++] = (byte)'\r';
                break;
        }

        // Whitespace still held ends the last line: rule 3 removes it.
        Reset();
        return written;
    }

    public void Reset()
    {
        _state = State.Text;
        _whitespaceLength = 0;
    }

    internal static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };

    // Copies text up to the next "=", removing literal whitespace before each line break (rule 3) from the output.
    private int DecodeText(ReadOnlySpan<byte> input, int read, Span<byte> output, ref int written, ref int floor)
    {
        while (true)
        {
            int run = input[read..].IndexOfAny(Specials);
            if (run < 0)
            {
                input[read..].CopyTo(output[written..]);
                written += input.Length - read;
                return input.Length;
            }

            input.Slice(read, run).CopyTo(output[written..]);
            written += run;
            read += run;
            byte b = input[read++];
            if (b == (byte)'=')
            {
                // Whitespace before "=" is not at the end of a line, even when the "=" is a soft line break.
                floor = written;
                _state = State.Equals;
                return read;
            }

            while (written > floor && HeaderText.IsWhitespace(output[written - 1]))
            {
                written--;
            }

            output[written++] = b;
            if (read == input.Length)
            {
                return read;
            }
        }
    }

    // Literal whitespace at the end of the chunk may be trailing: it is taken back and decided on by the next chunk.
    private void HoldTrailingWhitespace(Span<byte> output, ref int written, int floor)
    {
        int start = written;
        while (start > floor && written - start < MaxPendingWhitespace && HeaderText.IsWhitespace(output[start - 1]))
        {
            start--;
        }

        if (start < written)
        {
            _whitespace ??= new byte[MaxPendingWhitespace];
            output[start..written].CopyTo(_whitespace);
            _whitespaceLength = written - start;
            written = start;
        }
    }

    private void HoldWhitespace(byte b)
    {
        _whitespace ??= new byte[MaxPendingWhitespace];
        _whitespace[_whitespaceLength++] = b;
    }

    private void ReleaseWhitespace(Span<byte> output, ref int written)
    {
        if (_whitespaceLength > 0)
        {
            _whitespace.AsSpan(0, _whitespaceLength).CopyTo(output[written..]);
            written += _whitespaceLength;
            _whitespaceLength = 0;
        }
    }
}
