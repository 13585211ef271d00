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
    // Trailing whitespace is held until we know whether a line break follows; a run longer than this (no real line
    // has one) is written out early so the pending state stays bounded.
    private const int MaxPendingWhitespace = 1024;

    // The most octets a pending state can release besides held whitespace: "=", a hex digit or CR.
    private const int MaxPendingOther = 3;

    private static readonly SearchValues<byte> Specials = SearchValues.Create("= \t\r\n"u8);

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
        while (read < input.Length)
        {
            byte b = input[read];
            switch (_state)
            {
                case State.Text:
                    read = DecodeText(input, read, output, ref written);
                    continue;

                case State.Equals:
                    int hex = HexValue(b);
                    if (hex >= 0)
                    {
                        _firstHexDigit = b;
                        _state = State.EqualsHex;
                    }
                    else if (HeaderText.IsWhitespace(b))
                    {
                        HoldWhitespace(input.Slice(read, 1), output, ref written);
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
                    int low = HexValue(b);
                    if (low >= 0)
                    {
                        output[written++] = (byte)((HexValue(_firstHexDigit) << 4) | low);
                        _state = State.Text;
                        break;
                    }

                    output[written++] = (byte)'=';
                    output[written++] = _firstHexDigit;
                    _state = State.Text;
                    continue;

                case State.EqualsWhitespace:
                    if (HeaderText.IsWhitespace(b) && _whitespaceLength < MaxPendingWhitespace)
                    {
                        HoldWhitespace(input.Slice(read, 1), output, ref written);
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

        return written;
    }

    public int Flush(Span<byte> output)
    {
        int written = 0;
        switch (_state)
        {
            case State.Equals:
            case State.EqualsWhitespace:
                output[written++] = (byte)'=';
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

    private int DecodeText(ReadOnlySpan<byte> input, int read, Span<byte> output, ref int written)
    {
        while (read < input.Length)
        {
            int run = input[read..].IndexOfAny(Specials);
            if (run != 0)
            {
                ReleaseWhitespace(output, ref written);
                ReadOnlySpan<byte> plain = run < 0 ? input[read..] : input.Slice(read, run);
                plain.CopyTo(output[written..]);
                written += plain.Length;
                read += plain.Length;
                continue;
            }

            byte b = input[read];
            if (HeaderText.IsWhitespace(b))
            {
                int end = input[read..].IndexOfAnyExcept((byte)' ', (byte)'\t');
                if (end < 0)
                {
                    // The run reaches the end of the chunk: whether it is trailing is decided by the next chunk.
                    HoldWhitespace(input[read..], output, ref written);
                    return input.Length;
                }

                byte next = input[read + end];
                if (next is (byte)'\r' or (byte)'\n')
                {
                    _whitespaceLength = 0;
                }
                else
                {
                    ReleaseWhitespace(output, ref written);
                    input.Slice(read, end).CopyTo(output[written..]);
                    written += end;
                }

                read += end;
            }
            else if (b is (byte)'\r' or (byte)'\n')
            {
                // Rule 3: whitespace held from the previous chunk was trailing.
                _whitespaceLength = 0;
                output[written++] = b;
                read++;
            }
            else
            {
                ReleaseWhitespace(output, ref written);
                _state = State.Equals;
                return read + 1;
            }
        }

        return read;
    }

    private void HoldWhitespace(ReadOnlySpan<byte> whitespace, Span<byte> output, ref int written)
    {
        _whitespace ??= new byte[MaxPendingWhitespace];
        if (_whitespaceLength + whitespace.Length > MaxPendingWhitespace)
        {
            ReleaseWhitespace(output, ref written);
            if (whitespace.Length > MaxPendingWhitespace)
            {
                int excess = whitespace.Length - MaxPendingWhitespace;
                whitespace[..excess].CopyTo(output[written..]);
                written += excess;
                whitespace = whitespace[excess..];
            }
        }

        whitespace.CopyTo(_whitespace.AsSpan(_whitespaceLength));
        _whitespaceLength += whitespace.Length;
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
