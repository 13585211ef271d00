using System.Buffers;
using System.Text;

namespace ServerlessMail.Relay.Smtp;

/// <summary>
/// Parses one reply from buffered bytes, synchronously: <c>code SP text CRLF</c>, or lines of <c>code - text CRLF</c>
/// ending with a <c>code SP</c> line (RFC 5321 §4.2.1). An incomplete reply consumes nothing and asks for more.
/// </summary>
internal static class SmtpReplyParser
{
    /// <summary>
    /// A reply line: RFC 5321 §4.5.3.1.5 allows 512 octets, but servers send longer EHLO and error lines; four times
    /// that is still small and stops a peer that never sends CRLF.
    /// </summary>
    public const int MaxLineLength = 2048;

    /// <summary>Lines in one reply: EHLO lists a few dozen at most.</summary>
    public const int MaxLines = 128;

    public static bool TryParse(ReadOnlySequence<byte> buffer, out SmtpReply? reply, out SequencePosition consumed)
    {
        var reader = new SequenceReader<byte>(buffer);
        var lines = new List<string>();
        var code = 0;
        reply = null;
        consumed = buffer.Start;
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8, advancePastDelimiter: true))
            {
                if (reader.Remaining > MaxLineLength)
                {
                    throw new SmtpProtocolException($"A reply line is longer than {MaxLineLength} bytes.");
                }

                return false;
            }

            var (lineCode, last, text) = ParseLine(line);
            if (lines.Count == 0)
            {
                code = lineCode;
            }
            else if (lineCode != code)
            {
                throw new SmtpProtocolException("A multi-line reply changed its code.");
            }

            lines.Add(text);
            if (last)
            {
                reply = new SmtpReply(code, lines);
                consumed = reader.Position;
                return true;
            }

            if (lines.Count >= MaxLines)
            {
                throw new SmtpProtocolException($"A reply has more than {MaxLines} lines.");
            }
        }
    }

    private static (int Code, bool Last, string Text) ParseLine(ReadOnlySequence<byte> sequence)
    {
        if (sequence.Length > MaxLineLength)
        {
            throw new SmtpProtocolException($"A reply line is longer than {MaxLineLength} bytes.");
        }

        Span<byte> line = stackalloc byte[(int)sequence.Length];
        sequence.CopyTo(line);
        if (line.Length < 3 || !IsDigit(line[0], '2', '5') || !IsDigit(line[1], '0', '9') || !IsDigit(line[2], '0', '9'))
        {
            throw new SmtpProtocolException("A reply does not start with a three-digit code.");
        }

        var code = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
        if (line.Length == 3)
        {
            return (code, true, string.Empty);
        }

        var separator = line[3];
        if (separator is not (byte)' ' and not (byte)'-')
        {
            throw new SmtpProtocolException("A reply code is followed by neither a space nor a hyphen.");
        }

        // Text is ASCII by RFC 5321; servers with SMTPUTF8 may send UTF-8 (RFC 6531 §3.7.4). Invalid bytes become U+FFFD.
        return (code, separator == (byte)' ', Encoding.UTF8.GetString(line[4..]));
    }

    private static bool IsDigit(byte value, char low, char high) => value >= low && value <= high;
}
