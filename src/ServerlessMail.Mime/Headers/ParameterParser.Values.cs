using System.Buffers;
using System.Text;

namespace ServerlessMail.Mime;

internal static partial class ParameterParser
{
    // Values up to this many octets are unquoted on the stack; longer ones use a pooled buffer.
    private const int MaxStackValue = 256;

    /// <summary>Unquotes, unfolds and decodes a value that is not part of an RFC 2231 set.</summary>
    private static string DecodePlain(ReadOnlySpan<byte> value, bool quoted, bool isBoundary)
    {
        if (!NeedsUnquoting(value, quoted))
        {
            return ToText(value, isBoundary);
        }

        byte[]? rented = null;
        var buffer = value.Length <= MaxStackValue
            ? stackalloc byte[MaxStackValue]
            : (rented = ArrayPool<byte>.Shared.Rent(value.Length));
        try
        {
            var length = Unquote(value, quoted, buffer);
            return ToText(buffer[..length], isBoundary);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool NeedsUnquoting(ReadOnlySpan<byte> value, bool quoted) =>
        quoted ? value.IndexOfAny("\\\r\n"u8) >= 0 : value.IndexOfAny((byte)'\r', (byte)'\n') >= 0;

    /// <summary>
    /// Unfolds (RFC 5322 §2.2.3: a CRLF before white space is removed, the white space stays) and, in a quoted-string,
    /// removes the backslash of each quoted-pair (RFC 5322 §3.2.1). Bare CR and LF go too: they cannot be in a value.
    /// Returns the length written to <paramref name="destination"/>, which is never longer than the source.
    /// </summary>
    private static int Unquote(ReadOnlySpan<byte> value, bool quoted, Span<byte> destination)
    {
        var written = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var b = value[i];
            if (b is (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            if (quoted && b == (byte)'\\' && i + 1 < value.Length)
            {
                b = value[++i];
            }

            destination[written++] = b;
        }

        return written;
    }

    /// <summary>
    /// Turns unquoted value octets into text. A boundary maps octet for octet (Latin-1), so the MIME parser gets back
    /// exactly the octets that delimit the parts. Other values are US-ASCII in the RFC, but real mail carries RFC 2047
    /// encoded-words (Outlook and Gmail write <c>name="=?UTF-8?B?...?="</c>) and raw UTF-8 (RFC 6532).
    /// </summary>
    private static string ToText(ReadOnlySpan<byte> value, bool isBoundary)
    {
        if (isBoundary)
        {
            return Encoding.Latin1.GetString(value);
        }

        if (value.IndexOf("=?"u8) >= 0)
        {
            return EncodedWords.DecodeUnstructured(value);
        }

        if (Ascii.IsValid(value))
        {
            return ParameterSyntax.KnownValue(value) ?? Encoding.ASCII.GetString(value);
        }

        return Charsets.DecodeHeaderText(value);
    }

    /// <summary>
    /// Decodes RFC 2231 §4 %XX escapes of <c>buffer[start..end]</c> in place, writing from <paramref name="write"/>
    /// (never past the read position). A '%' not followed by two hex digits is kept as written. Returns the new
    /// write position.
    /// </summary>
    private static int PercentDecode(Span<byte> buffer, int start, int end, int write)
    {
        for (var i = start; i < end; i++)
        {
            var b = buffer[i];
            if (b == (byte)'%' && i + 2 < end)
            {
                var high = HexValue(buffer[i + 1]);
                var low = HexValue(buffer[i + 2]);
                if (high >= 0 && low >= 0)
                {
                    b = (byte)((high << 4) | low);
                    i += 2;
                }
            }

            buffer[write++] = b;
        }

        return write;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };
}
