using System.Buffers;

namespace ServerlessMail.Mime;

/// <summary>
/// Quoted-printable for text bodies (RFC 2045 §6.7). The input is text whose line breaks are already CRLF; each CRLF
/// is a hard line break. Output lines are at most 76 characters, soft breaks (<c>=CRLF</c>) included.
/// </summary>
internal static class QuotedPrintableEncoder
{
    internal const int MaxLineLength = 76;

    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;

    public static byte[] Encode(ReadOnlySpan<byte> text)
    {
        var output = new ArrayBufferWriter<byte>(text.Length + text.Length / 8 + 16);
        Encode(text, output);
        return output.WrittenSpan.ToArray();
    }

    public static void Encode(ReadOnlySpan<byte> text, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var column = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (IsCrlfAt(text, i))
            {
                Write(output, "\r\n"u8);
                column = 0;
                i += 2;
                continue;
            }

            var lastOnLine = i + 1 == text.Length || IsCrlfAt(text, i + 1);

            // The final character of a line may use column 76; any other needs room for the soft break's "=".
            var limit = lastOnLine ? MaxLineLength : MaxLineLength - 1;
            var width = NeedsEncoding(text, i, column, lastOnLine) ? 3 : 1;
            if (column + width > limit)
            {
                Write(output, "=\r\n"u8);
                column = 0;
                width = NeedsEncoding(text, i, column, lastOnLine) ? 3 : 1;
            }

            var b = text[i];
            if (width == 1)
            {
                Write(output, [b]);
            }
            else
            {
                Write(output, [(byte)'=', Hex[b >> 4], Hex[b & 0xF]]);
            }

            column += width;
            i++;
        }
    }

    private static bool NeedsEncoding(ReadOnlySpan<byte> text, int i, int column, bool lastOnLine)
    {
        var b = text[i];
        if (b is (byte)' ' or (byte)'\t')
        {
            // RFC 2045 §6.7 rule 3: whitespace at the end of a line would be lost in transport.
            return lastOnLine;
        }

        if (b is < 33 or > 126 or (byte)'=')
        {
            return true;
        }

        if (column == 0)
        {
            // A line starting with "." can be eaten by a broken SMTP dot-stuffing implementation, and one starting
            // with "From " gets mangled by mbox stores (RFC 2049 §3, rule 8).
            return b == (byte)'.' || text[i..].StartsWith("From "u8);
        }

        return false;
    }

    private static bool IsCrlfAt(ReadOnlySpan<byte> text, int i) =>
        i + 1 < text.Length && text[i] == (byte)'\r' && text[i + 1] == (byte)'\n';

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
