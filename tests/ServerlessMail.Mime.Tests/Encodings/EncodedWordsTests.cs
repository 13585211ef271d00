using static ServerlessMail.Mime.Tests.Encodings.DecoderTestHelper;

namespace ServerlessMail.Mime.Tests.Encodings;

public class EncodedWordsTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("Plain subject", "Plain subject")]
    [InlineData("  Plain subject  ", "Plain subject")]
    [InlineData("Two  spaces\tand tab", "Two  spaces\tand tab")] // unstructured whitespace is kept
    [InlineData("=?utf-8?q?caf=C3=A9?=", "café")]
    [InlineData("=?UTF-8?Q?caf=c3=a9?=", "café")]
    [InlineData("=?utf-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=", "Grüße aus Köln")]
    [InlineData("=?utf-8?b?R3LDvMOfZSBhdXMgS8O2bG4=?=", "Grüße aus Köln")]
    [InlineData("=?iso-8859-1?q?this=20is=20some=20text?=", "this is some text")]
    [InlineData("Re: =?utf-8?q?caf=C3=A9?= menu", "Re: café menu")]
    [InlineData("=?utf-8?q?100=25_sure?=", "100% sure")]
    [InlineData("=?utf-8?q?a_b__c?=", "a b  c")] // "_" is SP in Q
    [InlineData("=?utf-8?q??=", "")] // empty encoded text
    [InlineData("a =?utf-8?q??= b", "a  b")]
    [InlineData("=?utf-8?q?_lead?=", " lead")] // decoded whitespace is content, not trimmed
    // RFC 2047 §8 examples.
    [InlineData("(=?ISO-8859-1?Q?a?=)", "(a)")]
    [InlineData("(=?ISO-8859-1?Q?a?= b)", "(a b)")]
    [InlineData("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)")]
    [InlineData("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)")]
    [InlineData("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)")]
    [InlineData("(=?ISO-8859-1?Q?a_b?=)", "(a b)")]
    [InlineData("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)")]
    [InlineData("=?US-ASCII?Q?Keith_Moore?=", "Keith Moore")]
    [InlineData("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard")]
    [InlineData("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=", "If you can read this you understand the example.")]
    // RFC 2231 §5 language tags.
    [InlineData("=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore")]
    [InlineData("=?utf-8*de-DE?q?Gr=C3=BC=C3=9Fe?=", "Grüße")]
    // Charsets beyond UTF-8.
    [InlineData("=?koi8-r?B?8NLJ18XU?=", "Привет")]
    [InlineData("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", "日本語")]
    [InlineData("=?shift_jis?B?k/qWe4zq?=", "日本語")]
    [InlineData("=?gb2312?B?1tDOxA==?=", "中文")]
    [InlineData("=?big5?B?pKSk5Q==?=", "中文")]
    [InlineData("=?ks_c_5601-1987?B?x9Gxub7u?=", "한국어")]
    [InlineData("=?windows-1252?Q?=80_=93quoted=94?=", "€ “quoted”")]
    // Folding.
    [InlineData("Hello\r\n =?utf-8?q?w=C3=B6rld?=", "Hello wörld")]
    [InlineData("=?utf-8?q?a?=\r\n\t=?utf-8?q?b?=\r\n c", "ab c")]
    public void DecodeUnstructured_Valid(string raw, string expected)
    {
        Assert.Equal(expected, EncodedWords.DecodeUnstructured(Bytes(raw)));
    }

    [Theory]
    [InlineData("=?utf-8?Q?a?==?utf-8?Q?b?=", "ab")] // adjacent words without whitespace
    [InlineData("foo=?utf-8?q?bar?=", "foobar")] // word glued to text
    [InlineData("=?utf-8?q?bar?=baz", "barbaz")]
    [InlineData("x=?utf-8?q?a?=y=?utf-8?q?b?=z", "xaybz")]
    [InlineData("=?utf-8?q?=E6=97=A5=E6?= =?utf-8?q?=9C=AC=E8=AA=9E?=", "日本語")] // character split across Q words
    [InlineData("=?utf-8?B?5pel5g==?= =?utf-8?B?nKzoqp4=?=", "日本語")] // character split across B words
    [InlineData("=?utf-8?B?5pel5g==?==?UTF-8?Q?=9C=AC=E8=AA=9E?=", "日本語")] // across B and Q, charset case differs
    [InlineData("=?iso-8859-1?q?=E9?= =?utf-8?q?=C3=A9?=", "éé")] // different charsets are not merged
    [InlineData("=?utf-8?q?=C3?=", "\uFFFD")] // a lone half character is replaced
    [InlineData("=?utf-8?q?=C3?= x", "\uFFFD x")]
    [InlineData("=?x-unknown?q?caf=C3=A9?=", "café")] // unknown charset: UTF-8 if valid
    [InlineData("=?bogus?q?caf=E9?=", "café")] // unknown charset: else windows-1252
    [InlineData("=?us-ascii?q?caf=C3=A9?=", "café")] // us-ascii over 8-bit octets
    [InlineData("=?\"utf-8\"?q?caf=C3=A9?=", "café")]
    [InlineData("=?utf-8?q?a=ZZb?=", "a=ZZb")] // invalid Q escape kept
    [InlineData("=?utf-8?q?a=?=", "a=")]
    [InlineData("=?utf-8?q?a=4?=", "a=4")]
    [InlineData("=?utf-8?b?R3LDvMOfZQ?=", "Grüße")] // missing padding
    [InlineData("=?utf-8?b?R3LD vMOfZQ==?=", "Grüße")] // stray whitespace in B
    [InlineData("=?utf-8?b?YQ==YQ==?=", "aa")]
    [InlineData("=?utf-8?q?a b?=", "a b")] // whitespace inside a word (broken folding) is tolerated
    [InlineData("=?utf-8?q?caf\xC3\xA9?=", "café")] // raw 8-bit inside Q text
    [InlineData("Gr\xC3\xBC\xC3\x9F" + "e =?utf-8?q?caf=C3=A9?=", "Grüße café")] // raw UTF-8 around words
    [InlineData("Gr\xFC\xDF" + "e =?utf-8?q?caf=C3=A9?=", "Grüße café")] // raw 8-bit legacy around words
    public void DecodeUnstructured_CommonBreakage_IsDecoded(string raw, string expected)
    {
        Assert.Equal(expected, EncodedWords.DecodeUnstructured(Bytes(raw)));
    }

    [Theory]
    [InlineData("=?utf-8?q?unterminated", "=?utf-8?q?unterminated")]
    [InlineData("=?utf-8?q?unterminated?", "=?utf-8?q?unterminated?")]
    [InlineData("=?utf-8?x?abc?=", "=?utf-8?x?abc?=")] // unknown encoding letter
    [InlineData("=?utf-8?bq?abc?=", "=?utf-8?bq?abc?=")]
    [InlineData("=?utf-8??abc?=", "=?utf-8??abc?=")]
    [InlineData("=?utf-8?b?@@@@?=", "=?utf-8?b?@@@@?=")] // not base64
    [InlineData("=?utf-8?b?Q?=", "=?utf-8?b?Q?=")] // a lone sextet
    [InlineData("=?utf-8?b?YWJjZ?=", "=?utf-8?b?YWJjZ?=")]
    [InlineData("=?utf-8?b?Y=Q?=", "=?utf-8?b?Y=Q?=")]
    [InlineData("=?utf-8?q?a?b?=", "=?utf-8?q?a?b?=")] // "?" inside the text
    [InlineData("=??q?abc?=", "=??q?abc?=")] // empty charset
    [InlineData("=?utf 8?q?a?=", "=?utf 8?q?a?=")] // space in the charset
    [InlineData("=?utf-8?q", "=?utf-8?q")]
    [InlineData("=?utf-8", "=?utf-8")]
    [InlineData("=?", "=?")]
    [InlineData("?=", "?=")]
    [InlineData("=?=?", "=?=?")]
    [InlineData("What is 2+2=? 4?=", "What is 2+2=? 4?=")]
    [InlineData("=?=?utf-8?q?a?=", "=?a")]
    [InlineData("=?utf-8?q?a?= =?bad", "a =?bad")] // whitespace before a non-word is kept
    [InlineData("=?utf-8?q?a?= =?utf-8?x?b?= =?utf-8?q?c?=", "a =?utf-8?x?b?= c")]
    [InlineData("=?utf-8?q?unterminated =?utf-8?q?ok?=", "=?utf-8?q?unterminated ok")]
    [InlineData("\r\n", "")]
    [InlineData("=?utf-8?q?a?=\r\n", "a")]
    public void DecodeUnstructured_Malformed_StaysLiteral(string raw, string expected)
    {
        Assert.Equal(expected, EncodedWords.DecodeUnstructured(Bytes(raw)));
    }

    [Fact]
    public void DecodeUnstructured_LongValue_UsesPooledBuffers()
    {
        string word = "=?utf-8?B?0J/RgNC40LLQtdGCINC80LjRgA==?=";
        string raw = string.Join("\r\n ", Enumerable.Repeat(word, 100));
        Assert.Equal(string.Concat(Enumerable.Repeat("Привет мир", 100)), EncodedWords.DecodeUnstructured(Bytes(raw)));
    }

    [Fact]
    public void DecodeUnstructured_LongCharacterRunSplitAcrossWords_IsJoined()
    {
        // 300 three-octet characters, one octet per word: every character spans three words.
        string raw = string.Join(" ", Enumerable.Repeat("=?utf-8?q?=E6?= =?utf-8?q?=97?= =?utf-8?q?=A5?=", 300));
        Assert.Equal(new string('日', 300), EncodedWords.DecodeUnstructured(Bytes(raw)));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("John Smith", "John Smith")]
    [InlineData("  John   Smith  ", "John Smith")]
    [InlineData("John\tSmith", "John Smith")]
    [InlineData("Joe\r\n Q. Public", "Joe Q. Public")]
    [InlineData("\"John Smith\"", "John Smith")]
    [InlineData("\"Smith, John\"", "Smith, John")]
    [InlineData("\"John \\\"Johnny\\\" Smith\"", "John \"Johnny\" Smith")]
    [InlineData("\"back\\\\slash\"", "back\\slash")]
    [InlineData("\"John   Smith\"", "John   Smith")] // whitespace inside quotes is kept
    [InlineData("\"John\r\n Smith\"", "John Smith")]
    [InlineData("John \"the man\" Smith", "John the man Smith")]
    [InlineData("John\"Smith\"", "JohnSmith")]
    [InlineData("=?utf-8?q?Andr=C3=A9?= Pirard", "André Pirard")]
    [InlineData("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=", "Keld Jørn Simonsen")]
    [InlineData("=?US-ASCII?Q?Keith_Moore?=", "Keith Moore")]
    [InlineData("=?utf-8?q?a?= =?utf-8?q?b?=", "ab")]
    [InlineData("=?utf-8?q?a?=\r\n =?utf-8?q?b?=", "ab")]
    [InlineData("Pirard =?utf-8?q?Andr=C3=A9?=", "Pirard André")]
    [InlineData("J\xC3\xB6rg", "Jörg")]
    [InlineData("J\xF6rg", "Jörg")]
    public void DecodePhrase_Valid(string raw, string expected)
    {
        Assert.Equal(expected, EncodedWords.DecodePhrase(Bytes(raw)));
    }

    [Theory]
    [InlineData("\"=?utf-8?B?S2VsZCBKw7hybiBTaW1vbnNlbg==?=\"", "Keld Jørn Simonsen")] // encoded-word inside quotes
    [InlineData("\"=?utf-8?q?a?= =?utf-8?q?b?=\"", "ab")]
    [InlineData("=?utf-8?q?a?= \"=?utf-8?q?b?=\"", "ab")]
    [InlineData("\"=?utf-8?q?a?=\" =?utf-8?q?b?=", "ab")]
    [InlineData("\"=?utf-8?q?a?=\"\"=?utf-8?q?b?=\"", "ab")]
    [InlineData("\"=?utf-8?q?Andr=C3=A9?= (work)\"", "André (work)")]
    [InlineData("\"Andr\\=?utf-8?q?=C3=A9?=\"", "André")] // escape before the word
    [InlineData("\"=?utf-8?q?=E6=97?=\" =?utf-8?q?=A5?=", "日")] // split character across quoted and bare words
    [InlineData("foo=?utf-8?q?bar?=", "foobar")]
    [InlineData("=?utf-8?q?a?==?utf-8?q?b?=", "ab")]
    [InlineData("=?utf-8?q?_a_?= b", "a  b")]
    [InlineData("=?bogus?q?J=F6rg?=", "Jörg")]
    public void DecodePhrase_CommonBreakage_IsDecoded(string raw, string expected)
    {
        Assert.Equal(expected, EncodedWords.DecodePhrase(Bytes(raw)));
    }

    [Theory]
    [InlineData("\"unterminated", "unterminated")]
    [InlineData("\"unterminated \\", "unterminated")]
    [InlineData("\"a\\", "a")]
    [InlineData("\"\"", "")]
    [InlineData("\"", "")]
    [InlineData("\"  \"", "")]
    [InlineData("\\", "\\")] // a backslash outside quotes is text
    [InlineData("a\\b", "a\\b")]
    [InlineData("=?utf-8?q?bad", "=?utf-8?q?bad")]
    [InlineData("=?utf-8?b?!!!!?= x", "=?utf-8?b?!!!!?= x")]
    [InlineData("\"=?utf-8?q?unterminated\"", "=?utf-8?q?unterminated")]
    [InlineData("\"=?utf-8?q?a?b?=\"", "=?utf-8?q?a?b?=")]
    [InlineData(" \r\n ", "")]
    [InlineData("a\r\nb", "ab")]
    public void DecodePhrase_BadInput_IsTolerated(string raw, string expected)
    {
        Assert.Equal(expected, EncodedWords.DecodePhrase(Bytes(raw)));
    }

    [Fact]
    public void Decode_RandomInput_NeverThrows()
    {
        var random = new Random(99);
        byte[] alphabet = Bytes("=?_\"\\ \t\r\nqQbB-utf8AZaz09+/ \xC3\xA9\xFF");
        for (int i = 0; i < 5000; i++)
        {
            byte[] raw = new byte[random.Next(0, 80)];
            for (int j = 0; j < raw.Length; j++)
            {
                raw[j] = alphabet[random.Next(alphabet.Length)];
            }

            Assert.NotNull(EncodedWords.DecodeUnstructured(raw));
            Assert.NotNull(EncodedWords.DecodePhrase(raw));
            Assert.DoesNotContain('\r', EncodedWords.DecodeUnstructured(raw));
            Assert.DoesNotContain('\n', EncodedWords.DecodePhrase(raw));
        }
    }
}
