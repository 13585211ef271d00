using System.Buffers;

namespace ServerlessMail.Smtp;

internal enum FramingResult
{
    /// <summary>A complete line; <c>line</c> holds it without its CRLF.</summary>
    Line,

    /// <summary>No line end yet, and still within the limit: nothing consumed, read more.</summary>
    NeedMore,

    /// <summary>A line ended, but past the limit; it was consumed.</summary>
    TooLong,

    /// <summary>Past the limit with no line end in sight: everything was consumed, and the caller discards up to the next LF.</summary>
    Overflow,

    /// <summary>A line ended with a bare LF, or held a bare CR; it was consumed (RFC 5321 §2.3.8: only CRLF ends a line).</summary>
    BareLineEnding,
}

/// <summary>Finds command lines in the input, bounded by a length limit. Synchronous over the bytes already read.</summary>
internal static class CommandLineFraming
{
    /// <param name="maxLength">The longest line accepted, CRLF included.</param>
    public static FramingResult TryRead(ref SequenceReader<byte> reader, int maxLength, out ReadOnlySequence<byte> line)
    {
        line = default;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> raw, (byte)'\n', advancePastDelimiter: true))
        {
            if (reader.Remaining >= maxLength)
            {
                reader.AdvanceToEnd();
                return FramingResult.Overflow;
            }

            return FramingResult.NeedMore;
        }

        if (raw.Length + 1 > maxLength)
        {
            return FramingResult.TooLong;
        }

        if (raw.IsEmpty || LastByte(raw) != (byte)'\r')
        {
            return FramingResult.BareLineEnding;
        }

        line = raw.Slice(0, raw.Length - 1);
        return line.PositionOf((byte)'\r') is null ? FramingResult.Line : FramingResult.BareLineEnding;
    }

    /// <summary>While discarding an overlong line: true once its LF was found and consumed.</summary>
    public static bool TrySkipToLineEnd(ref SequenceReader<byte> reader)
    {
        if (reader.TryAdvanceTo((byte)'\n', advancePastDelimiter: true))
        {
            return true;
        }

        reader.AdvanceToEnd();
        return false;
    }

    private static byte LastByte(ReadOnlySequence<byte> sequence) => sequence.Slice(sequence.Length - 1).FirstSpan[0];
}
