using System.Collections.Frozen;

namespace ServerlessMail.Mime;

public static partial class Charsets
{
    private const int UnknownCodePage = 0;
    private const int Utf16Sniffed = -1;
    private const int Utf32Sniffed = -2;

    // Labels of the WHATWG Encoding Standard ("get an encoding"), which is what mail clients converged on, plus the
    // names real mail uses that neither WHATWG nor .NET know. Following WHATWG, labels of a subset map to its common
    // superset: ISO-8859-1 and its aliases to windows-1252, ISO-8859-9 to windows-1254, TIS-620/ISO-8859-11 to
    // windows-874, GB2312 to GBK, EUC-KR to windows-949. us-ascii keeps its own entry (see CharsetKind.Ascii).
    private static readonly (int CodePage, string Labels)[] AliasTable =
    [
        (65001, "utf-8 utf8 unicode-1-1-utf-8 unicode11utf8 unicode20utf8 unicode-2-0-utf-8 x-unicode20utf8 x-utf-8 x-utf8"),
        (65000, "utf-7 utf7 unicode-1-1-utf-7 unicode-2-0-utf-7 x-unicode11utf7 x-unicode2-0-utf-7 csunicode11utf7"),
        (20127, "us-ascii ascii us ansi_x3.4-1968 ansi_x3.4-1986 iso-ir-6 iso646-us iso_646.irv:1991 ibm367 cp367 csascii 646 x-ascii"),
        (1252, "windows-1252 cp1252 x-cp1252 ms-ansi iso-8859-1 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 iso-ir-100 l1 latin1 latin-1 csisolatin1 ibm819 cp819 x-ansi"),
        (28592, "iso-8859-2 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 iso-ir-101 l2 latin2 latin-2 csisolatin2"),
        (28593, "iso-8859-3 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 iso-ir-109 l3 latin3 latin-3 csisolatin3"),
        (28594, "iso-8859-4 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 iso-ir-110 l4 latin4 latin-4 csisolatin4"),
        (28595, "iso-8859-5 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988 iso-ir-144 cyrillic csisolatincyrillic"),
        (28596, "iso-8859-6 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987 iso-8859-6-e iso-8859-6-i iso-ir-127 arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114"),
        (28597, "iso-8859-7 iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 iso-ir-126 greek greek8 csisolatingreek ecma-118 elot_928 sun_eu_greek"),
        (28598, "iso-8859-8 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 iso-8859-8-e iso-ir-138 hebrew visual csisolatinhebrew csiso88598e"),
        (38598, "iso-8859-8-i csiso88598i logical"),
        (1254, "windows-1254 cp1254 x-cp1254 iso-8859-9 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 iso-ir-148 l5 latin5 latin-5 csisolatin5"),
        (874, "windows-874 cp874 x-cp874 dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 tis620 cstis620"),
        (28603, "iso-8859-13 iso8859-13 iso885913 iso_8859-13 l7 latin7 latin-7"),
        (28605, "iso-8859-15 iso8859-15 iso885915 iso_8859-15 csisolatin9 l9 latin9 latin-9 latin0"),
        (1250, "windows-1250 cp1250 x-cp1250"),
        (1251, "windows-1251 cp1251 x-cp1251"),
        (1253, "windows-1253 cp1253 x-cp1253"),
        (1255, "windows-1255 cp1255 x-cp1255"),
        (1256, "windows-1256 cp1256 x-cp1256"),
        (1257, "windows-1257 cp1257 x-cp1257"),
        (1258, "windows-1258 cp1258 x-cp1258"),
        (866, "ibm866 cp866 866 csibm866"),
        (20866, "koi8-r koi8_r koi8 koi cskoi8r"),
        (21866, "koi8-u koi8-ru"),
        (10000, "macintosh mac x-mac-roman macroman csmacintosh"),
        (10007, "x-mac-cyrillic x-mac-ukrainian maccyrillic"),
        (936, "gbk x-gbk gb2312 gb_2312 gb_2312-80 csgb2312 csiso58gb231280 iso-ir-58 chinese euc-cn x-euc-cn cp936 ms936 windows-936 cn-gb"),
        (54936, "gb18030"),
        (52936, "hz-gb-2312 hz"),
        (950, "big5 big5-hkscs cn-big5 csbig5 x-x-big5 x-big5 cp950 ms950 windows-950"),
        (932, "shift_jis shift-jis sjis x-sjis ms_kanji csshiftjis windows-31j ms932 cp932 windows-932 x-ms-cp932"),
        (51932, "euc-jp x-euc-jp eucjp cseucpkdfmtjapanese"),
        (50220, "iso-2022-jp csiso2022jp iso-2022-jp-1 iso-2022-jp-2 jis"),
        (949, "ks_c_5601-1987 ks_c_5601-1989 ks_c_5601 ksc5601 ksc_5601 euc-kr cseuckr csksc56011987 iso-ir-149 korean windows-949 cp949 x-windows-949 uhc"),
        (50225, "iso-2022-kr csiso2022kr"),
        (1361, "johab"),
        (Utf16Sniffed, "utf-16 utf16 ucs-2 ucs2 unicode csunicode iso-10646-ucs-2"),
        (1200, "utf-16le unicodefeff"),
        (1201, "utf-16be unicodefffe"),
        (Utf32Sniffed, "utf-32 utf32 ucs-4 iso-10646-ucs-4"),
        (12000, "utf-32le"),
        (12001, "utf-32be"),

        // Placeholders mailers write when they do not know; decoding falls back to UTF-8-else-windows-1252.
        (UnknownCodePage, "x-unknown unknown unknown-8bit x-unknown-8bit x-user-defined default charset none 8bit"),
    ];

    private static readonly FrozenDictionary<string, int> Aliases = BuildAliases();

    // The same labels with separators removed, so "ISO_8859_2", "iso 8859-2" and "Windows_1251" still resolve.
    private static readonly FrozenDictionary<string, int> CompactAliases = BuildCompactAliases();

    // Code pages the provider reports for a name that have a superset we prefer (see the table comment).
    private static int PreferSuperset(int codePage) => codePage switch
    {
        28591 => 1252,
        28599 => 1254,
        51936 => 936,
        51949 => 949,
        50221 or 50222 => 50220,
        _ => codePage,
    };

    private static FrozenDictionary<string, int> BuildAliases()
    {
        var aliases = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((int codePage, string labels) in AliasTable)
        {
            foreach (string label in labels.Split(' '))
            {
                aliases.Add(label, codePage);
            }
        }

        return aliases.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, int> BuildCompactAliases()
    {
        var compact = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((int codePage, string labels) in AliasTable)
        {
            foreach (string label in labels.Split(' '))
            {
                compact.TryAdd(Compact(label), codePage);
            }
        }

        return compact.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Compact(string label)
    {
        if (label.AsSpan().IndexOfAny("-_ .:") < 0)
        {
            return label;
        }

        return string.Create(label.Length - CountSeparators(label), label, static (span, source) =>
        {
            int n = 0;
            foreach (char c in source)
            {
                if (!IsSeparator(c))
                {
                    span[n++] = c;
                }
            }
        });
    }

    private static int CountSeparators(string label)
    {
        int count = 0;
        foreach (char c in label)
        {
            if (IsSeparator(c))
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsSeparator(char c) => c is '-' or '_' or ' ' or '.' or ':';
}
