using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ServerlessMail.Mime;

// Charset label resolution: exact aliases, then what .NET knows, then separator-insensitive and numbered forms.
public static partial class Charsets
{
    private const int MaxNameLength = 64;

    // Names come from untrusted mail, so the cache is bounded; past the bound, lookups still work, uncached.
    private const int MaxCachedNames = 1024;

    private static readonly ConcurrentDictionary<string, CharsetInfo?> ByName = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, CharsetInfo?>.AlternateLookup<ReadOnlySpan<char>> ByNameSpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly ConcurrentDictionary<int, CharsetInfo> ByCodePage = new();

    // Written and read whole (entries are immutable), so racing threads at worst miss and resolve again.
    private static readonly RecentLabel?[] RecentLabels = new RecentLabel?[16];

    /// <summary>Resolves a label given as octets (an encoded-word's charset) without allocating on a repeat.</summary>
    internal static CharsetInfo? Resolve(ReadOnlySpan<byte> name)
    {
        // The label on nearly every encoded-word today; it needs neither trimming nor the cache.
        if (Ascii.EqualsIgnoreCase(name, "utf-8"u8))
        {
            return Utf8;
        }

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

    private sealed record RecentLabel(byte[] Label, CharsetInfo? Charset);
}
