using System.Buffers;

namespace ServerlessMail.Imap.Protocol;

internal enum FrameStatus
{
    /// <summary>A whole command, its literals included, is buffered: <see cref="FrameResult.Length"/> bytes.</summary>
    Complete,

    /// <summary>Not enough input yet; nothing is consumed.</summary>
    NeedMore,

    /// <summary>A synchronizing literal waits for the server's "+" (RFC 3501 §7.5); nothing is consumed.</summary>
    NeedContinuation,

    /// <summary>A line is over the limit: the session skips to its end and answers BAD.</summary>
    LineTooLong,

    /// <summary>A synchronizing literal over the cap: NO [TOOBIG], and the client sends no literal (RFC 7889 §4). <see cref="FrameResult.Length"/> is what to drop.</summary>
    LiteralTooBig,

    /// <summary>A non-synchronizing literal over the cap: its bytes are coming anyway, so the session says BYE (RFC 7888 §4).</summary>
    NonSyncLiteralTooBig,

    /// <summary>A bare LF or CR ends a line: answered BAD; <see cref="FrameResult.Length"/> is what to drop.</summary>
    BareLineEnding,
}

/// <param name="Literals">How many literals the command has so far (for NeedContinuation, the index of the one waiting).</param>
internal readonly record struct FrameResult(FrameStatus Status, long Length, int Literals);

/// <param name="MaxLine">The longest line outside literals, CRLF included.</param>
/// <param name="MaxLiteral">The largest single literal.</param>
/// <param name="MaxTotal">All the literals of one command together.</param>
internal readonly record struct FrameLimits(int MaxLine, long MaxLiteral, long MaxTotal);

/// <summary>
/// Finds where one command ends: its lines and the literals between them (RFC 3501 §4.3: a line that ends in
/// <c>{n}</c> or <c>{n+}</c> is followed by n octets, then the command goes on). A literal8 (<c>~{n}</c>, RFC 3516
/// §4.4) ends in the same marker and is framed the same way, under the same caps. Synchronous over the buffered bytes;
/// an incomplete command consumes nothing. Every count is checked before a byte of the literal is read.
/// </summary>
internal static class CommandFraming
{
    public static FrameResult TryFrame(ReadOnlySequence<byte> buffer, FrameLimits limits, int continuationsSent)
    {
        var reader = new SequenceReader<byte>(buffer);
        var literals = 0;
        long totalLiterals = 0;
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n', advancePastDelimiter: true))
            {
                return reader.Remaining > limits.MaxLine ? new(FrameStatus.LineTooLong, 0, literals) : new(FrameStatus.NeedMore, 0, literals);
            }

            if (line.Length + 1 > limits.MaxLine)
            {
                return new(FrameStatus.LineTooLong, reader.Consumed, literals);
            }

            if (line.IsEmpty || line.Slice(line.Length - 1).FirstSpan[0] != (byte)'\r' || line.PositionOf((byte)'\r') is { } cr && !cr.Equals(line.GetPosition(line.Length - 1)))
            {
                return new(FrameStatus.BareLineEnding, reader.Consumed, literals);
            }

            if (!TryLiteralMarker(line.Slice(0, line.Length - 1), out var size, out var synchronizing))
            {
                return new(FrameStatus.Complete, reader.Consumed, literals);
            }

            totalLiterals += size;
            if (size > limits.MaxLiteral || totalLiterals > limits.MaxTotal)
            {
                return synchronizing ? new(FrameStatus.LiteralTooBig, reader.Consumed, literals) : new(FrameStatus.NonSyncLiteralTooBig, reader.Consumed, literals);
            }

            if (reader.Remaining < size)
            {
                var status = synchronizing && literals >= continuationsSent ? FrameStatus.NeedContinuation : FrameStatus.NeedMore;
                return new(status, 0, literals);
            }

            reader.Advance(size);
            literals++;
        }
    }

    /// <summary>The <c>{n}</c> or <c>{n+}</c> (RFC 7888 LITERAL+) at the end of a line, CRLF already removed.</summary>
    public static bool TryLiteralMarker(ReadOnlySequence<byte> line, out long size, out bool synchronizing)
    {
        size = 0;
        synchronizing = true;
        if (line.IsEmpty)
        {
            return false;
        }

        // A marker is at most "{" + 20 digits + "+}".
        var tail = line.Length > 24 ? line.Slice(line.Length - 24) : line;
        Span<byte> bytes = stackalloc byte[(int)tail.Length];
        tail.CopyTo(bytes);
        if (bytes[^1] != (byte)'}')
        {
            return false;
        }

        var open = bytes.LastIndexOf((byte)'{');
        if (open < 0)
        {
            return false;
        }

        var digits = bytes[(open + 1)..^1];
        if (digits.Length > 0 && digits[^1] == (byte)'+')
        {
            synchronizing = false;
            digits = digits[..^1];
        }

        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            // Saturates instead of overflowing: a size past long.MaxValue is simply over every cap.
            size = size > (long.MaxValue - 9) / 10 ? long.MaxValue : (size * 10) + (digit - '0');
        }

        return true;
    }
}
