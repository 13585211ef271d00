using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ServerlessMail.Imap.Rendering;

/// <summary>
/// The output primitives of RFC 3501 §4 (atom, number, string, nstring) written straight to the response buffer.
/// Strings are UTF-8 (UTF8=ACCEPT style); anything a quoted string cannot carry goes as a literal.
/// </summary>
internal static class ImapSyntax
{
    /// <summary>Longer strings go as literals: a long quoted string is harder for clients and no cheaper to write.</summary>
    public const int MaxQuotedLength = 1024;

    // A UTF-8 string is at most three bytes per UTF-16 char; below this it is encoded on the stack.
    private const int StackLimit = 512;

    private const int ChunkSize = 16 * 1024;

    // TEXT-CHAR (RFC 3501 §9) that needs no escape in a quoted string: printable ASCII and TAB, but '"' and '\'.
    private static readonly SearchValues<char> PlainQuotedChars = SearchValues.Create(
        "\t !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    public static void WriteNString(IBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            WriteNil(output);
            return;
        }

        WriteString(output, value);
    }

    public static void WriteString(IBufferWriter<byte> output, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (TryWriteQuotedAscii(output, value))
        {
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(value, buffer);
            WriteStringBytes(output, buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static void WriteAString(IBufferWriter<byte> output, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsAtom(value))
        {
            WriteAscii(output, value);
            return;
        }

        WriteString(output, value);
    }

    /// <summary>Raw octets (a header value as stored): quoted when that is exact, else a literal. Never NIL.</summary>
    public static void WriteNStringBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> value) => WriteStringBytes(output, value);

    public static void WriteAscii(IBufferWriter<byte> output, string asciiText)
    {
        ArgumentNullException.ThrowIfNull(asciiText);
        var span = output.GetSpan(asciiText.Length);
        var written = Encoding.ASCII.GetBytes(asciiText, span);
        output.Advance(written);
    }

    public static void WriteNumber(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }

    public static void WriteNil(IBufferWriter<byte> output) => WriteRaw(output, "NIL"u8);

    /// <summary>Copies in pieces no larger than the writer offers, so a long literal never asks for one huge segment.</summary>
    public static void WriteRaw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(output);
        while (!bytes.IsEmpty)
        {
            var span = output.GetSpan(Math.Min(bytes.Length, ChunkSize));
            var count = Math.Min(span.Length, bytes.Length);
            bytes[..count].CopyTo(span);
            output.Advance(count);
            bytes = bytes[count..];
        }
    }

    public static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    /// <summary>RFC 3501 §9 atom: 1*ATOM-CHAR, which excludes "(){ %*\"\\]", CTLs and 8-bit.</summary>
    public static bool IsAtom(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!IsAtomChar(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsAtomChar(char c) => c is > ' ' and < (char)0x7F and not ('(' or ')' or '{' or '%' or '*' or '"' or '\\' or ']');

    /// <summary>RFC 3501 §9 quoted: TEXT-CHAR is 7-bit without CR, LF or NUL; '"' and '\' are escaped.</summary>
    public static bool CanQuote(ReadOnlySpan<byte> value)
    {
        if (value.Length > MaxQuotedLength)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (b is 0 or (byte)'\r' or (byte)'\n' or >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    // The common case (media types, parameter names, most values): ASCII that quotes without escapes, narrowed
    // straight into the output with no encoding pass and no scratch buffer.
    private static bool TryWriteQuotedAscii(IBufferWriter<byte> output, string value)
    {
        if (value.Length > MaxQuotedLength || value.AsSpan().IndexOfAnyExcept(PlainQuotedChars) >= 0)
        {
            return false;
        }

        var span = output.GetSpan(value.Length + 2);
        span[0] = (byte)'"';
        Ascii.FromUtf16(value, span[1..], out var written);
        span[written + 1] = (byte)'"';
        output.Advance(written + 2);
        return true;
    }

    private static void WriteStringBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        if (CanQuote(value))
        {
            WriteQuoted(output, value);
        }
        else
        {
            WriteLiteral(output, value);
        }
    }

    private static void WriteQuoted(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        var escapes = value.Count((byte)'"') + value.Count((byte)'\\');
        var span = output.GetSpan(value.Length + escapes + 2);
        var position = 0;
        span[position++] = (byte)'"';
        if (escapes == 0)
        {
            value.CopyTo(span[position..]);
            position += value.Length;
        }
        else
        {
            foreach (var b in value)
            {
                if (b is (byte)'"' or (byte)'\\')
                {
                    span[position++] = (byte)'\\';
                }

                span[position++] = b;
            }
        }

        span[position++] = (byte)'"';
        output.Advance(position);
    }

    private static void WriteLiteral(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        WriteByte(output, (byte)'{');
        WriteNumber(output, value.Length);
        WriteRaw(output, "}\r\n"u8);
        WriteRaw(output, value);
    }
}
