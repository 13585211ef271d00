using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// Charset names to encodings, and octets to text, the way mail needs it: every lookup and decode is lenient and
/// never throws, because the charset labels and the octets in real mail are routinely wrong.
/// </summary>
public static partial class Charsets
{
    private const int MaxNameLength = 64;

    // Names come from untrusted mail, so the cache is bounded; past the bound, lookups still work, uncached.
    private const int MaxCachedNames = 1024;

    private static readonly DecoderFallback Replacement = new DecoderReplacementFallback("\uFFFD");

    internal static readonly CharsetInfo Utf8 = Create(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false));
    internal static readonly CharsetInfo Windows1252 = Create(CodePagesEncodingProvider.Instance.GetEncoding(1252, EncoderFallback.ReplacementFallback, Replacement)!);

    // For text already known to be ASCII: widening is the cheapest correct decoder.
    private static readonly CharsetInfo AsciiText = Create(Encoding.Latin1);
    private static readonly CharsetInfo Utf16BigEndian = Create(new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: false));
    private static readonly CharsetInfo Utf16LittleEndian = Create(new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: false));
    private static readonly CharsetInfo Utf32BigEndian = Create(new UTF32Encoding(bigEndian: true, byteOrderMark: true, throwOnInvalidCharacters: false));
    private static readonly CharsetInfo Utf32LittleEndian = Create(new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: false));

    private static readonly ConcurrentDictionary<string, CharsetInfo?> ByName = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, CharsetInfo?>.AlternateLookup<ReadOnlySpan<char>> ByNameSpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly ConcurrentDictionary<int, CharsetInfo> ByCodePage = new();

    // Written and read whole (entries are immutable), so racing threads at worst miss and resolve again.
    private static readonly RecentLabel?[] RecentLabels = new RecentLabel?[16];

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
    public static string DecodeHeaderText(ReadOnlySpan<byte> bytes) => SelectUndeclared(bytes).GetString(bytes);

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

    /// <summary>Resolves a label given as octets (an encoded-word's charset) without allocating on a repeat.</summary>
    internal static CharsetInfo? Resolve(ReadOnlySpan<byte> name)
    {
        name = name.Trim(" \t\r\n\"'"u8);
        if (name.IsEmpty || name.Length > MaxNameLength)
        {
            return null;
        }

        // A header names few charsets, mostly the same one again: one probe of a tiny table beats the dictionary.
        ref RecentLabel? slot = ref RecentLabels[RecentSlot(name)];
        RecentLabel? recent = Volatile.Read(ref slot);
        if (recent is not null && Ascii.EqualsIgnoreCase(recent.Label, name))
        {
            return recent.Charset;
        }

        Span<char> chars = stackalloc char[MaxNameLength];
        int length = Encoding.Latin1.GetChars(name, chars);
        CharsetInfo? charset = Resolve(chars[..length]);
        Volatile.Write(ref slot, new RecentLabel(name.ToArray(), charset));
        return charset;
    }

    private static int RecentSlot(ReadOnlySpan<byte> name) =>
        (name.Length + (name[0] | 0x20) + (name[^1] | 0x20)) & (RecentLabels.Length - 1);

    internal static CharsetInfo? Resolve(ReadOnlySpan<char> name)
    {
        name = name.Trim(" \t\r\n\"'");

        // RFC 2231 §5: "charset*language" in encoded-words and extended parameters.
        int star = name.IndexOf('*');
        if (star >= 0)
        {
            name = name[..star].TrimEnd(" \t");
        }

        if (name.IsEmpty || name.Length > MaxNameLength)
        {
            return null;
        }

        if (ByNameSpan.TryGetValue(name, out CharsetInfo? cached))
        {
            return cached;
        }

        string key = name.ToString().ToLowerInvariant();
        CharsetInfo? info = ForCodePage(FindCodePage(key));
        if (ByName.Count < MaxCachedNames)
        {
            ByName.TryAdd(key, info);
        }

        return info;
    }

    private static int FindCodePage(string label)
    {
        int codePage = FindCodePageExact(label);
        if (codePage == UnknownCodePage && label.StartsWith("x-", StringComparison.Ordinal))
        {
            codePage = FindCodePageExact(label[2..]);
        }

        return codePage;
    }

    private static int FindCodePageExact(string label)
    {
        if (Aliases.TryGetValue(label, out int codePage))
        {
            return codePage;
        }

        Encoding? known = CodePagesEncodingProvider.Instance.GetEncoding(label);
        if (known is not null)
        {
            return PreferSuperset(known.CodePage);
        }

        string compact = Compact(label);
        if (CompactAliases.TryGetValue(compact, out codePage))
        {
            return codePage;
        }

        return FromNumberedLabel(compact);
    }

    // "cp-1252", "windows1251", "ms932", "ibm-850", "codepage437", "iso8859_5", "8859-2": a family prefix and a number.
    private static int FromNumberedLabel(string compact)
    {
        ReadOnlySpan<char> label = compact;
        if (label.StartsWith("8859"))
        {
            return CompactAliases.TryGetValue("iso" + compact, out int iso) ? iso : UnknownCodePage;
        }

        foreach (string prefix in (ReadOnlySpan<string>)["windows", "codepage", "win", "cp", "ms", "ibm", "dos"])
        {
            if (label.StartsWith(prefix, StringComparison.Ordinal) &&
                int.TryParse(label[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int number) &&
                number is > 0 and < 100_000)
            {
                return PreferSuperset(number);
            }
        }

        return UnknownCodePage;
    }

    private static CharsetInfo? ForCodePage(int codePage)
    {
        if (codePage == UnknownCodePage)
        {
            return null;
        }

        if (ByCodePage.TryGetValue(codePage, out CharsetInfo? info))
        {
            return info;
        }

        info = CreateInfo(codePage);
        return info is null ? null : ByCodePage.GetOrAdd(codePage, info);
    }

    private static CharsetInfo? CreateInfo(int codePage)
    {
        switch (codePage)
        {
            case Utf16Sniffed:
                return new CharsetInfo(Utf16BigEndian.Encoding, CharsetKind.Utf16);
            case Utf32Sniffed:
                return new CharsetInfo(Utf32BigEndian.Encoding, CharsetKind.Utf32);
            case 65001:
                return Utf8;
            case 65000:
                return Create(CreateUtf7());
            case 20127:
                return new CharsetInfo(Encoding.GetEncoding(20127, EncoderFallback.ReplacementFallback, Replacement), CharsetKind.Ascii);
            case 1252:
                return Windows1252;
            case 1200:
                return Utf16LittleEndian;
            case 1201:
                return Utf16BigEndian;
            case 12000:
                return Utf32LittleEndian;
            case 12001:
                return Utf32BigEndian;
        }

        Encoding? encoding = CodePagesEncodingProvider.Instance.GetEncoding(codePage, EncoderFallback.ReplacementFallback, Replacement);
        return encoding is null ? null : Create(encoding);
    }

    private static CharsetInfo Create(Encoding encoding) => new(encoding, CharsetKind.Normal);

    // .NET 5+ refuses UTF-7 through Encoding.GetEncoding (SYSLIB0001) because emitting it is an XSS vector. We only
    // decode with it, and RFC 2152 text still turns up in old mail, so the decoder is worth keeping.
#pragma warning disable SYSLIB0001
    private static UTF7Encoding CreateUtf7() => new UTF7Encoding(allowOptionals: true);
#pragma warning restore SYSLIB0001

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

    private sealed record RecentLabel(byte[] Label, CharsetInfo? Charset);
}
