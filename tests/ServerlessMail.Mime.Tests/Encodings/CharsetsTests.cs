using System.Text;

namespace ServerlessMail.Mime.Tests.Encodings;

public class CharsetsTests
{
    [Theory]
    [InlineData("utf-8", 65001)]
    [InlineData("UTF-8", 65001)]
    [InlineData("utf8", 65001)]
    [InlineData("\"utf-8\"", 65001)]
    [InlineData("  utf-8 \t", 65001)]
    [InlineData("'UTF-8'", 65001)]
    [InlineData("utf-8*en", 65001)] // RFC 2231 §5 language suffix
    [InlineData("unicode-1-1-utf-8", 65001)]
    [InlineData("utf-7", 65000)]
    [InlineData("unicode-1-1-utf-7", 65000)]
    [InlineData("us-ascii", 20127)]
    [InlineData("ANSI_X3.4-1968", 20127)]
    [InlineData("ascii", 20127)]
    [InlineData("windows-1252", 1252)]
    [InlineData("cp1252", 1252)]
    [InlineData("cp-1252", 1252)]
    [InlineData("windows1252", 1252)]
    [InlineData("x-cp1252", 1252)]
    [InlineData("CP_1252", 1252)]
    [InlineData("iso-8859-1", 1252)] // WHATWG: ISO-8859-1 labels mean windows-1252
    [InlineData("ISO_8859-1:1987", 1252)]
    [InlineData("iso8859_1", 1252)]
    [InlineData("latin1", 1252)]
    [InlineData("l1", 1252)]
    [InlineData("iso-8859-2", 28592)]
    [InlineData("latin2", 28592)]
    [InlineData("iso-8859-5", 28595)]
    [InlineData("iso_8859-5", 28595)]
    [InlineData("8859-7", 28597)]
    [InlineData("iso-8859-8", 28598)]
    [InlineData("iso-8859-8-i", 38598)]
    [InlineData("iso-8859-9", 1254)]
    [InlineData("iso-8859-13", 28603)]
    [InlineData("iso-8859-15", 28605)]
    [InlineData("latin-9", 28605)]
    [InlineData("tis-620", 874)]
    [InlineData("iso-8859-11", 874)]
    [InlineData("windows-874", 874)]
    [InlineData("windows-1250", 1250)]
    [InlineData("windows-1251", 1251)]
    [InlineData("win-1251", 1251)]
    [InlineData("windows-1253", 1253)]
    [InlineData("windows-1255", 1255)]
    [InlineData("windows-1256", 1256)]
    [InlineData("windows-1257", 1257)]
    [InlineData("windows-1258", 1258)]
    [InlineData("koi8-r", 20866)]
    [InlineData("KOI8-U", 21866)]
    [InlineData("ibm866", 866)]
    [InlineData("cp850", 850)]
    [InlineData("ibm-850", 850)]
    [InlineData("macintosh", 10000)]
    [InlineData("x-mac-roman", 10000)]
    [InlineData("x-mac-cyrillic", 10007)]
    [InlineData("x-mac-ce", 10029)]
    [InlineData("shift_jis", 932)]
    [InlineData("x-sjis", 932)]
    [InlineData("sjis", 932)]
    [InlineData("windows-31j", 932)]
    [InlineData("ms932", 932)]
    [InlineData("euc-jp", 51932)]
    [InlineData("x-euc-jp", 51932)]
    [InlineData("iso-2022-jp", 50220)]
    [InlineData("csISO2022JP", 50220)]
    [InlineData("ks_c_5601-1987", 949)]
    [InlineData("euc-kr", 949)] // WHATWG: EUC-KR labels mean its superset windows-949
    [InlineData("iso-2022-kr", 50225)]
    [InlineData("gb2312", 936)]
    [InlineData("x-gbk", 936)]
    [InlineData("gbk", 936)]
    [InlineData("euc-cn", 936)]
    [InlineData("gb18030", 54936)]
    [InlineData("hz-gb-2312", 52936)]
    [InlineData("big5", 950)]
    [InlineData("big5-hkscs", 950)]
    [InlineData("utf-16le", 1200)]
    [InlineData("utf-16be", 1201)]
    [InlineData("utf-16", 1201)] // RFC 2781 §4.3: big-endian without a BOM
    [InlineData("utf-32", 12001)]
    [InlineData("utf-32le", 12000)]
    public void TryGetEncoding_KnownLabels(string name, int codePage)
    {
        Encoding? encoding = Charsets.TryGetEncoding(name);
        Assert.NotNull(encoding);
        Assert.Equal(codePage, encoding.CodePage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("*en")]
    [InlineData("x-unknown")]
    [InlineData("unknown-8bit")]
    [InlineData("x-user-defined")]
    [InlineData("foo")]
    [InlineData("x-")]
    [InlineData("utf-9")]
    [InlineData("iso-8859-99")]
    [InlineData("iso-8859-")]
    [InlineData("cp99999")]
    [InlineData("cp")]
    [InlineData("windows-99999999999999999999")]
    [InlineData("8859-")]
    [InlineData("\u00e9\u0000\uffff")]
    [InlineData("utf-8?q?")]
    public void TryGetEncoding_UnknownLabels_ReturnNull(string? name)
    {
        Assert.Null(Charsets.TryGetEncoding(name));
    }

    [Fact]
    public void TryGetEncoding_OverlongName_ReturnsNull()
    {
        Assert.Null(Charsets.TryGetEncoding(new string('a', 65)));
        Assert.Null(Charsets.TryGetEncoding("utf-8" + new string(' ', 10) + new string('x', 100)));
    }

    [Fact]
    public void TryGetEncoding_ManyDistinctUnknownNames_StillResolves()
    {
        for (int i = 0; i < 3000; i++)
        {
            Assert.Null(Charsets.TryGetEncoding("x-bogus-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(1251, Charsets.TryGetEncoding("Windows_1251")!.CodePage);
    }

    [Fact]
    public void TryGetEncoding_SameCodePage_SharesInstance()
    {
        Assert.Same(Charsets.TryGetEncoding("cp1252"), Charsets.TryGetEncoding("Windows-1252"));
    }

    [Fact]
    public void TryGetEncoding_ReturnsReplacingEncodings()
    {
        Encoding shiftJis = Charsets.TryGetEncoding("shift_jis")!;
        Assert.Equal("\uFFFD", shiftJis.GetString([0x81]));
    }

    [Fact]
    public void StaticConstructor_RegistersCodePages()
    {
        Assert.NotNull(Charsets.TryGetEncoding("koi8-r"));
        Assert.Equal(20866, Encoding.GetEncoding("koi8-r").CodePage);
    }

    [Theory]
    [InlineData("F0D2C9D7C5D4", "koi8-r", "Привет")]
    [InlineData("CFF0E8E2E5F2", "windows-1251", "Привет")]
    [InlineData("BFE0D8D2D5E2", "iso-8859-5", "Привет")]
    [InlineData("8FE0A8A2A5E2", "ibm866", "Привет")]
    [InlineData("A3F364BC", "iso-8859-2", "Łódź")]
    [InlineData("A3F3649F", "windows-1250", "Łódź")]
    [InlineData("C5EBEBDCE4E1", "iso-8859-7", "Ελλάδα")]
    [InlineData("C5EBEBDCE4E1", "windows-1253", "Ελλάδα")]
    [InlineData("F9ECE5ED", "iso-8859-8", "שלום")]
    [InlineData("F9ECE5ED", "windows-1255", "שלום")]
    [InlineData("E5D1CDC8C7", "iso-8859-6", "مرحبا")]
    [InlineData("E3D1CDC8C7", "windows-1256", "مرحبا")]
    [InlineData("F0FDFE", "iso-8859-9", "ğış")]
    [InlineData("E0E8E6", "iso-8859-13", "ąčę")]
    [InlineData("E0E8E6", "windows-1257", "ąčę")]
    [InlineData("A4", "iso-8859-15", "€")]
    [InlineData("8082838485", "windows-1252", "€‚ƒ„…")]
    [InlineData("80", "iso-8859-1", "€")] // decoded as windows-1252
    [InlineData("E9", "latin1", "é")]
    [InlineData("E4B7C2", "tis-620", "ไทย")]
    [InlineData("8E", "macintosh", "é")]
    [InlineData("AD", "koi8-u", "ґ")]
    [InlineData("93FA967B8CEA", "shift_jis", "日本語")]
    [InlineData("93FA967B8CEA", "x-sjis", "日本語")]
    [InlineData("C6FCCBDCB8EC", "euc-jp", "日本語")]
    [InlineData("1B2442467C4B5C386C1B2842", "iso-2022-jp", "日本語")]
    [InlineData("1B2442467C4B5C1B284241", "iso-2022-jp", "日本A")]
    [InlineData("C7D1B1B9BEEE", "euc-kr", "한국어")]
    [InlineData("C7D1B1B9BEEE", "ks_c_5601-1987", "한국어")]
    [InlineData("1B2429430E475131390F", "iso-2022-kr", "한국")]
    [InlineData("D6D0CEC4", "gb2312", "中文")]
    [InlineData("D6D0CEC4", "gbk", "中文")]
    [InlineData("D6D0CEC49439FC36", "gb18030", "中文😀")]
    [InlineData("7E7B56504E447E7D", "hz-gb-2312", "中文")]
    [InlineData("A4A4A4E5", "big5", "中文")]
    [InlineData("C3BCE282ACE697A5E69CACE8AA9EF09F9880", "utf-8", "ü€日本語😀")]
    [InlineData("2B5A65566E4C4971652D", "utf-7", "日本語")]
    [InlineData("48692C2B4A6A6F2D21", "unicode-1-1-utf-7", "Hi,☺!")]
    [InlineData("FEFF00480069", "utf-16", "Hi")]
    [InlineData("FFFE48006900", "utf-16", "Hi")]
    [InlineData("00480069", "utf-16", "Hi")] // no BOM: zeros on the high side say big-endian
    [InlineData("48006900", "utf-16", "Hi")] // no BOM: zeros on the low side say little-endian
    [InlineData("48006900", "utf-16le", "Hi")]
    [InlineData("FFFE48006900", "utf-16le", "Hi")] // matching BOM removed
    [InlineData("00480069", "utf-16be", "Hi")]
    [InlineData("0000FEFF00000048", "utf-32", "H")]
    [InlineData("FFFE000048000000", "utf-32", "H")]
    [InlineData("48000000", "utf-32", "H")]
    [InlineData("00000048", "utf-32", "H")]
    public void Decode_AcrossCodePages(string hex, string charset, string expected)
    {
        Assert.Equal(expected, Charsets.Decode(Convert.FromHexString(hex), charset));
    }

    [Theory]
    [InlineData("48656C6C6F", "iso-2022-jp", "Hello")]
    [InlineData("48656C6C6F", "shift_jis", "Hello")]
    [InlineData("48656C6C6F", "koi8-r", "Hello")]
    [InlineData("48656C6C6F", "utf-8", "Hello")]
    [InlineData("2B2D", "utf-7", "+")] // ASCII that is not ASCII text in UTF-7
    [InlineData("7E7E", "hz-gb-2312", "~")] // nor in HZ
    [InlineData("C1C2C3", "ibm037", "ABC")] // nor in EBCDIC
    public void Decode_AsciiInput_RespectsNonAsciiCompatibleCharsets(string hex, string charset, string expected)
    {
        Assert.Equal(expected, Charsets.Decode(Convert.FromHexString(hex), charset));
    }

    [Theory]
    [InlineData("636166C3A9", null, "café")] // undeclared, valid UTF-8
    [InlineData("636166E9", null, "café")] // undeclared, not UTF-8: windows-1252
    [InlineData("80", null, "€")]
    [InlineData("636166C3A9", "x-unknown", "café")]
    [InlineData("636166E9", "x-unknown", "café")]
    [InlineData("636166C3A9", "bogus-charset", "café")]
    [InlineData("636166E9", "bogus-charset", "café")]
    [InlineData("636166C3A9", "us-ascii", "café")] // us-ascii over 8-bit octets: the classic mislabel
    [InlineData("636166E9", "us-ascii", "café")]
    [InlineData("636166E9", "ascii", "café")]
    [InlineData("636166", "us-ascii", "caf")]
    [InlineData("", "utf-8", "")]
    [InlineData("", null, "")]
    public void Decode_UnknownOrMislabelled_FallsBack(string hex, string? charset, string expected)
    {
        Assert.Equal(expected, Charsets.Decode(Convert.FromHexString(hex), charset));
    }

    [Theory]
    [InlineData("C328", "utf-8", "\uFFFD(")] // invalid UTF-8 under a UTF-8 label: replaced, not re-guessed
    [InlineData("61FF62", "utf-8", "a\uFFFDb")]
    [InlineData("EDA080", "utf-8", "\uFFFD\uFFFD\uFFFD")] // encoded surrogate
    [InlineData("93", "shift_jis", "\uFFFD")] // truncated double-byte character
    [InlineData("A4", "big5", "\uFFFD")]
    [InlineData("1B2442467C", "iso-2022-jp", "日")] // unterminated escape sequence
    [InlineData("D800", "utf-16be", "\uFFFD")] // lone surrogate
    [InlineData("0048", "utf-16be", "H")]
    [InlineData("004800", "utf-16be", "H\uFFFD")] // odd length
    public void Decode_InvalidSequences_AreReplaced(string hex, string charset, string expected)
    {
        Assert.Equal(expected, Charsets.Decode(Convert.FromHexString(hex), charset));
    }

    [Theory]
    [InlineData("EFBBBF636166C3A9", "iso-8859-1")] // a UTF-8 BOM overrides the label
    [InlineData("EFBBBF636166C3A9", "utf-8")]
    [InlineData("EFBBBF636166C3A9", null)]
    public void Decode_Utf8Bom_WinsAndIsRemoved(string hex, string? charset)
    {
        Assert.Equal("café", Charsets.Decode(Convert.FromHexString(hex), charset));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("48656C6C6F", "Hello")]
    [InlineData("47727C6E", "Gr|n")]
    [InlineData("4772C3BC6E", "Grün")] // RFC 6532 UTF-8
    [InlineData("4772FC6E", "Grün")] // legacy 8-bit: windows-1252
    [InlineData("E282AC", "€")]
    [InlineData("80", "€")]
    [InlineData("C3", "Ã")] // a truncated UTF-8 sequence is not UTF-8
    public void DecodeHeaderText_Utf8ElseWindows1252(string hex, string expected)
    {
        Assert.Equal(expected, Charsets.DecodeHeaderText(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Decode_RandomOctets_NeverThrows()
    {
        var random = new Random(1234);
        string?[] charsets = [null, "utf-8", "us-ascii", "utf-7", "utf-16", "utf-32", "shift_jis", "iso-2022-jp", "iso-2022-kr", "hz-gb-2312", "gb18030", "big5", "euc-jp", "euc-kr", "koi8-r", "x-unknown"];
        for (int i = 0; i < 200; i++)
        {
            byte[] bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            foreach (string? charset in charsets)
            {
                Assert.NotNull(Charsets.Decode(bytes, charset));
            }

            Assert.NotNull(Charsets.DecodeHeaderText(bytes));
        }
    }
}
