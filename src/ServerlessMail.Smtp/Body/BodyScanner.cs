namespace ServerlessMail.Smtp;

/// <summary>
/// Turns the bytes of a DATA block (dot-stuffed, ended by CRLF "." CRLF; RFC 5321 §4.1.1.4 and §4.5.2) or of BDAT
/// chunks (counted, not stuffed; RFC 3030) into message content, on the fly and across chunk boundaries: the
/// beginning-of-line state and a pending CR or dot carry over from one call to the next. While it goes it enforces the
/// content limits: size, line length and the bare CR/LF policy. After a rejection it stops producing content but keeps
/// scanning, so the session still finds the true end of the DATA block and stays in sync with the client.
/// Only CRLF starts a line, so only CRLF "." CRLF ends DATA: "LF . LF", "LF . CRLF" and "CRLF . LF" never do.
/// </summary>
internal sealed class BodyScanner(bool dotStuffed, int maxTextLineLength, long maxSize)
{
    // Content octets on one line, CRLF excluded.
    private readonly int _maxLine = maxTextLineLength - 2;
    private State _state = State.LineStart;
    private int _lineLength;

    private enum State : byte
    {
        LineStart,
        Middle,

        /// <summary>A CR was seen and not yet written: it is a line end only if LF follows.</summary>
        Cr,

        /// <summary>DATA only: a dot at the start of a line, not yet written.</summary>
        Dot,

        /// <summary>DATA only: "." CR at the start of a line: the end of DATA if LF follows.</summary>
        DotCr,
    }

    /// <summary>Content octets so far, counted even past a rejection.</summary>
    public long Size { get; private set; }

    public BodyRejection Rejection { get; private set; }

    /// <summary>DATA only: the end marker was consumed. Bytes after it are the next command.</summary>
    public bool Ended { get; private set; }

    /// <summary>
    /// Scans <paramref name="input"/> and writes content to <paramref name="output"/>, which must be at least one byte
    /// longer than the input (a CR held back from the previous call can come out with this call's LF). Stops after the
    /// DATA end marker. Nothing is written once a rejection is set.
    /// </summary>
    public void Scan(ReadOnlySpan<byte> input, Span<byte> output, out int consumed, out int written)
    {
        var i = 0;
        var w = 0;
        while (i < input.Length && !Ended)
        {
            var b = input[i];
            switch (_state)
            {
                case State.LineStart when dotStuffed && b == (byte)'.':
                    _state = State.Dot;
                    i++;
                    break;
                case State.LineStart:
                case State.Middle:
                    var rest = input[i..];
                    var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
                    var run = end < 0 ? rest.Length : end;
                    if (run > 0)
                    {
                        Emit(rest[..run], output, ref w);
                        CountLine(run);
                        _state = State.Middle;
                        i += run;
                    }

                    if (end >= 0)
                    {
                        if (rest[end] == (byte)'\r')
                        {
                            _state = State.Cr;
                        }
                        else
                        {
                            Reject(BodyRejection.BareLineEnding);
                            _state = State.Middle;
                        }

                        i++;
                    }

                    break;
                case State.Cr:
                    if (b == (byte)'\n')
                    {
                        Emit("\r\n"u8, output, ref w);
                        _state = State.LineStart;
                        _lineLength = 0;
                        i++;
                    }
                    else
                    {
                        Reject(BodyRejection.BareLineEnding);
                        _state = State.Middle;
                    }

                    break;
                case State.Dot:
                    if (b == (byte)'\r')
                    {
                        _state = State.DotCr;
                        i++;
                    }
                    else
                    {
                        // RFC 5321 §4.5.2: a leading dot followed by more text is deleted; ".." keeps one dot.
                        _state = State.Middle;
                        if (b == (byte)'.')
                        {
                            Emit("."u8, output, ref w);
                            CountLine(1);
                            i++;
                        }
                    }

                    break;
                case State.DotCr:
                    if (b == (byte)'\n')
                    {
                        Ended = true;
                        i++;
                    }
                    else
                    {
                        Reject(BodyRejection.BareLineEnding);
                        _state = State.Middle;
                    }

                    break;
            }
        }

        consumed = i;
        written = w;
    }

    /// <summary>BDAT LAST: the content ended; a CR held back at the very end was a bare CR.</summary>
    public void Finish()
    {
        if (_state == State.Cr)
        {
            Reject(BodyRejection.BareLineEnding);
        }
    }

    private void Emit(ReadOnlySpan<byte> bytes, Span<byte> output, ref int written)
    {
        Size += bytes.Length;
        if (Size > maxSize)
        {
            Reject(BodyRejection.TooLarge);
        }

        if (Rejection == BodyRejection.None)
        {
            bytes.CopyTo(output[written..]);
            written += bytes.Length;
        }
    }

    private void CountLine(int octets)
    {
        _lineLength += octets;
        if (_lineLength > _maxLine)
        {
            Reject(BodyRejection.LineTooLong);
        }
    }

    private void Reject(BodyRejection rejection)
    {
        if (Rejection == BodyRejection.None)
        {
            Rejection = rejection;
        }
    }
}
