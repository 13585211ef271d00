using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// Charset names to encodings, and octets to text, the way mail needs it: every lookup and decode is lenient and
/// never throws, because the charset labels and the octets in real mail are routinely wrong.
/// </summary>
public static partial class Charsets
{
    private static readonly DecoderFallback Replacement = new DecoderReplacementFallback("\uFFFD");

    internal static readonly CharsetInfo Utf8 = Create(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false));
    internal static readonly CharsetInfo Windows1252 = Create(CodePagesEncodingProvider.Instance.GetEncoding(1252, EncoderFallback.ReplacementFallback, Replacement)!);

    // For text already known to be ASCII: widening is the cheapest correct decoder.
    private static readonly CharsetInfo AsciiText = Create(Encoding.Latin1);
    private static readonly CharsetInfo Utf16BigEndian = Create(new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: false));
    private static readonly CharsetInfo Utf16LittleEndian = Create(new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: false));
    private static readonly CharsetInfo Utf32BigEndian = Create(new UTF32Encoding(bigEndian: true, byteOrderMark: true, throwOnInvalidCharacters: false));
    private static readonly CharsetInfo Utf32LittleEndian = Create(new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: false));

    // Registering makes every code page .NET ships available to Encoding.GetEncoding for the rest of the process too.
    static Charsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The encoding for a charset label (case-insensitive; quotes, whitespace and an RFC 2231 <c>*language</c> suffix
    /// are ignored), or null when the label is unknown or is a placeholder such as <c>x-unknown</c>.
    /// The returned encodings replace invalid input with U+FFFD instead of throwing.
    /// </summary>
    public static Encoding? TryGetEncoding(string? name) => name is null ? null : Resolve(name.AsSpan())?.Encoding;

    /// <summary>
    /// Decodes body or parameter octets in the declared charset. A UTF-8 BOM wins over the label. An unknown or
    /// missing charset, or us-ascii over 8-bit octets, decodes as UTF-8 when the octets are valid UTF-8, else as
    /// windows-1252. Invalid sequences become U+FFFD.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset) =>
        Decode(bytes, charset is null ? null : Resolve(charset.AsSpan()));

    /// <summary>Raw header octets to text: UTF-8 when valid (RFC 6532 §3.2), else windows-1252.</summary>
    public static string DecodeHeaderText(ReadOnlySpan<byte> bytes)
    {
        // The common case, and the one that must be cheap: addr-spec pieces, ids and most values are short ASCII.
        // Widening directly skips the Encoding's count-then-convert virtual calls.
        if (Ascii.IsValid(bytes))
        {
            return bytes.IsEmpty ? string.Empty : string.Create(bytes.Length, bytes, static (chars, ascii) => Ascii.ToUtf16(ascii, chars, out _));
        }

        return SelectUndeclared(bytes).GetString(bytes);
    }

    internal static string Decode(ReadOnlySpan<byte> bytes, CharsetInfo? charset) => Select(ref bytes, charset).GetString(bytes);

    /// <summary>The charset that actually decodes <paramref name="bytes"/> under the declared one; a BOM it honours is sliced off.</summary>
    internal static CharsetInfo Select(ref ReadOnlySpan<byte> bytes, CharsetInfo? charset)
    {
        // WHATWG "decode": a BOM overrides the label; Windows tools often write UTF-8 with a BOM under a legacy label.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
            return Utf8;
        }

        if (charset is null || charset.Kind == CharsetKind.Ascii)
        {
            return SelectUndeclared(bytes);
        }

        if (charset.AsciiCompatible && Ascii.IsValid(bytes))
        {
            return AsciiText;
        }

        switch (charset.Kind)
        {
            case CharsetKind.Utf16:
                return SelectUtf16(ref bytes);
            case CharsetKind.Utf32:
                return SelectUtf32(ref bytes);
        }

        ReadOnlySpan<byte> preamble = charset.Encoding.Preamble;
        if (!preamble.IsEmpty && bytes.StartsWith(preamble))
        {
            bytes = bytes[preamble.Length..];
        }

        return charset;
    }

    /// <summary>Undeclared octets: UTF-8 when valid, else windows-1252.</summary>
    internal static CharsetInfo SelectUndeclared(ReadOnlySpan<byte> bytes)
    {
        if (Ascii.IsValid(bytes))
        {
            return AsciiText;
        }

        return System.Text.Unicode.Utf8.IsValid(bytes) ? Utf8 : Windows1252;
    }

    private static CharsetInfo SelectUtf16(ref ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            bytes = bytes[2..];
            return Utf16BigEndian;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            bytes = bytes[2..];
            return Utf16LittleEndian;
        }

        // No BOM: mostly-Latin text has its zero octets on the high side, which tells the byte order.
        int evenZeros = 0;
        int oddZeros = 0;
        int probe = Math.Min(bytes.Length & ~1, 64);
        for (int i = 0; i < probe; i += 2)
        {
            evenZeros += bytes[i] == 0 ? 1 : 0;
            oddZeros += bytes[i + 1] == 0 ? 1 : 0;
        }

        return oddZeros > evenZeros ? Utf16LittleEndian : Utf16BigEndian;
    }

    private static CharsetInfo SelectUtf32(ref ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            bytes = bytes[4..];
            return Utf32BigEndian;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            bytes = bytes[4..];
            return Utf32LittleEndian;
        }

        bool littleEndian = bytes.Length >= 4 && bytes[0] != 0 && bytes[3] == 0;
        return littleEndian ? Utf32LittleEndian : Utf32BigEndian;
    }
}
