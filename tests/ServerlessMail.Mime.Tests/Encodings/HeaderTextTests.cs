using static ServerlessMail.Mime.Tests.Encodings.DecoderTestHelper;

namespace ServerlessMail.Mime.Tests.Encodings;

public class HeaderTextTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("simple", "simple")]
    [InlineData(" simple value ", "simple value")]
    [InlineData("\tsimple\t", "simple")]
    [InlineData("folded\r\n value", "folded value")] // RFC 5322 §2.2.3: the CRLF goes, the WSP stays
    [InlineData("folded\r\n\tvalue", "folded\tvalue")]
    [InlineData("folded\n value", "folded value")] // bare LF fold
    [InlineData("folded\r\n   value", "folded   value")]
    [InlineData("a\r\n b\r\n c", "a b c")]
    [InlineData("\r\n leading fold", "leading fold")]
    [InlineData(" trailing fold\r\n", "trailing fold")]
    [InlineData("Gr\xC3\xBC\xC3\x9F" + "e", "Grüße")] // RFC 6532 UTF-8
    [InlineData("Gr\xFC\xDF" + "e", "Grüße")] // 8-bit legacy: windows-1252
    [InlineData("=?utf-8?q?not_decoded?=", "=?utf-8?q?not_decoded?=")]
    public void UnfoldAndDecode_Valid(string raw, string expected)
    {
        Assert.Equal(expected, HeaderText.UnfoldAndDecode(Bytes(raw)));
    }

    [Theory]
    [InlineData("bare\r\nbreak", "barebreak")] // a line break not followed by WSP is removed too
    [InlineData("bare\rcr", "barecr")]
    [InlineData("bare\nlf", "barelf")]
    [InlineData("\r\n\r\n", "")]
    [InlineData("\r", "")]
    [InlineData(" \r\n \r\n ", "")]
    [InlineData("a\r\r\n\n b", "a b")]
    [InlineData("Gr\xC3\r\n \xBC", "GrÃ ¼")] // a fold inside a UTF-8 sequence breaks it: windows-1252
    public void UnfoldAndDecode_BadInput_IsTolerated(string raw, string expected)
    {
        Assert.Equal(expected, HeaderText.UnfoldAndDecode(Bytes(raw)));
    }

    [Fact]
    public void UnfoldAndDecode_LongValue_UsesPooledScratch()
    {
        string words = string.Join("\r\n ", Enumerable.Repeat("word", 500));
        Assert.Equal(string.Join(" ", Enumerable.Repeat("word", 500)), HeaderText.UnfoldAndDecode(Bytes(words)));
    }
}
