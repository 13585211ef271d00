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

/// <summary>A resolved charset: the (non-throwing) encoding plus what the decoder needs to know about it.</summary>
internal sealed class CharsetInfo
{
    // Stateful encodings whose ASCII bytes can switch the decoder's mode, so ASCII input is not ASCII text.
    private static readonly int[] StatefulCodePages = [50220, 50221, 50222, 50225, 50227, 50229, 52936, 65000];

    public CharsetInfo(Encoding encoding, CharsetKind kind)
    {
        Encoding = encoding;
        Kind = kind;
        AsciiCompatible = kind is CharsetKind.Normal or CharsetKind.Ascii && IsAsciiTransparent(encoding);
    }

    public Encoding Encoding { get; }

    public CharsetKind Kind { get; }

    /// <summary>True when all-ASCII input decodes to the same characters, which allows the widening fast path.</summary>
    public bool AsciiCompatible { get; }

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
}
