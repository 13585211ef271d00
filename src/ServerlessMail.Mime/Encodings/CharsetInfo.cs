using System.Text;

namespace ServerlessMail.Mime;

internal enum CharsetKind
{
    Normal,

    /// <summary>us-ascii and its aliases: 8-bit octets under this label are the classic mislabel, decoded as if undeclared.</summary>
    Ascii,

    /// <summary>Plain "utf-16": byte order from the BOM, else guessed, else big-endian (RFC 2781 §4.3).</summary>
    Utf16,

    /// <summary>Plain "utf-32": byte order from the BOM, else guessed, else big-endian.</summary>
    Utf32,
}

/// <summary>
/// A resolved charset: the (non-throwing) encoding plus what decoding needs to know about it. Single-byte code pages
/// decode through a 256-entry table, several times faster than the code-page provider's own decoder.
/// </summary>
internal sealed class CharsetInfo
{
    // Stateful encodings whose ASCII bytes can switch the decoder's mode, so ASCII input is not ASCII text.
    private static readonly int[] StatefulCodePages = [50220, 50221, 50222, 50225, 50227, 50229, 52936, 65000];

    private readonly char[]? _table;

    public CharsetInfo(Encoding encoding, CharsetKind kind)
    {
        Encoding = encoding;
        Kind = kind;
        AsciiCompatible = kind is CharsetKind.Normal or CharsetKind.Ascii && IsAsciiTransparent(encoding);

        // Latin-1 and ASCII have vectorised decoders in the BCL; every other single-byte code page gets a table.
        if (encoding.IsSingleByte && encoding.CodePage is not (28591 or 20127))
        {
            _table = BuildTable(encoding);
        }
    }

    public Encoding Encoding { get; }

    public CharsetKind Kind { get; }

    /// <summary>True when all-ASCII input decodes to the same characters, which allows the widening fast path.</summary>
    public bool AsciiCompatible { get; }

    public int GetMaxCharCount(int byteCount) => _table is null ? Encoding.GetMaxCharCount(byteCount) : byteCount;

    public int GetChars(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        if (_table is null)
        {
            return Encoding.GetChars(bytes, chars);
        }

        Map(_table, bytes, chars);
        return bytes.Length;
    }

    public string GetString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (_table is null)
        {
            return Encoding.GetString(bytes);
        }

        return string.Create(bytes.Length, new TableInput(_table, bytes), static (chars, input) => Map(input.Table, input.Bytes, chars));
    }

    private static void Map(char[] table, ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        chars = chars[..bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[i] = table[bytes[i]];
        }
    }

    private static char[] BuildTable(Encoding encoding)
    {
        var table = new char[256];
        Span<byte> one = stackalloc byte[1];
        Span<char> decoded = stackalloc char[encoding.GetMaxCharCount(1)];
        for (int b = 0; b < table.Length; b++)
        {
            one[0] = (byte)b;
            table[b] = encoding.GetChars(one, decoded) == 1 ? decoded[0] : '\uFFFD';
        }

        return table;
    }

    private static bool IsAsciiTransparent(Encoding encoding)
    {
        if (Array.IndexOf(StatefulCodePages, encoding.CodePage) >= 0)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[128];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)i;
        }

        Span<char> chars = stackalloc char[encoding.GetMaxCharCount(bytes.Length)];
        int count = encoding.GetChars(bytes, chars);
        if (count != bytes.Length)
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            if (chars[i] != i)
            {
                return false;
            }
        }

        return true;
    }

    private readonly ref struct TableInput(char[] table, ReadOnlySpan<byte> bytes)
    {
        public char[] Table { get; } = table;

        public ReadOnlySpan<byte> Bytes { get; } = bytes;
    }
}
