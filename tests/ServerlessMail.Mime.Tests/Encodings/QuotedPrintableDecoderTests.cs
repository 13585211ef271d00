using static ServerlessMail.Mime.Tests.Encodings.DecoderTestHelper;

namespace ServerlessMail.Mime.Tests.Encodings;

public class QuotedPrintableDecoderTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("plain text", "plain text")]
    [InlineData("Hello=20World", "Hello World")]
    [InlineData("caf=C3=A9", "caf\xC3\xA9")]
    [InlineData("caf=c3=a9", "caf\xC3\xA9")] // lower-case hex
    [InlineData("caf=C3=a9", "caf\xC3\xA9")]
    [InlineData("1+1=3D2", "1+1=2")]
    [InlineData("soft=\r\nbreak", "softbreak")]
    [InlineData("soft=\nbreak", "softbreak")] // bare LF soft break
    [InlineData("soft= \t\r\nbreak", "softbreak")] // whitespace after the "=" of a soft break
    [InlineData("soft=  \nbreak", "softbreak")]
    [InlineData("line one\r\nline two\r\n", "line one\r\nline two\r\n")] // hard breaks pass through
    [InlineData("line one\nline two\n", "line one\nline two\n")]
    [InlineData("trailing   \r\nnext", "trailing\r\nnext")] // rule 3
    [InlineData("trailing\t \nnext", "trailing\nnext")]
    [InlineData("keep=20\r\n", "keep \r\n")] // encoded whitespace is not trailing whitespace
    [InlineData("inner  spaces\tkept", "inner  spaces\tkept")]
    [InlineData("space before soft =\r\nbreak", "space before soft break")]
    [InlineData("space before soft =\r\n\r\nnext", "space before soft \r\nnext")] // not trailing: the "=" protects it
    [InlineData("=20 \r\n", " \r\n")]
    [InlineData("a=20=09  \t\r\n", "a \t\r\n")]
    [InlineData("=0D=0A", "\r\n")]
    [InlineData("\xE9t\xE9", "\xE9t\xE9")] // 8-bit octets pass through
    public void Decode_ValidInput(string input, string expected)
    {
        Assert.Equal(expected, Text(new QuotedPrintableDecoder().DecodeAll(Bytes(input))));
    }

    [Theory]
    [InlineData("=G1", "=G1")]
    [InlineData("=4G", "=4G")]
    [InlineData("a=4", "a=4")] // cut-off escape at end of input
    [InlineData("abc=", "abc")] // "=" at end of input: a soft break whose CRLF went to the delimiter
    [InlineData("a = b", "a = b")] // "=" + space that is no soft break
    [InlineData("a= ", "a")] // the same, with transport padding
    [InlineData("=\rX", "=\rX")] // "=" + CR not followed by LF
    [InlineData("a=\r", "a=\r")]
    [InlineData("x= \ry", "x= \ry")]
    [InlineData("x=\r\r\n", "x=\r\r\n")]
    [InlineData("==41", "=A")]
    [InlineData("=4=41", "=4A")]
    [InlineData("=\n", "")]
    [InlineData("trailing  ", "trailing")] // trailing whitespace at end of input is trailing too
    [InlineData("a=\r\n=\r\nb", "ab")]
    [InlineData("a\rb", "a\rb")]
    [InlineData("a  \rb", "a\rb")]
    public void Decode_BadInput_IsTolerated(string input, string expected)
    {
        Assert.Equal(expected, Text(new QuotedPrintableDecoder().DecodeAll(Bytes(input))));
    }

    [Theory]
    [InlineData("Hello=20World=\r\n and more=C3=A9  \r\nnext line=3D=\r\n")]
    [InlineData("a = b=\n=4G=G1 =\r x  \t \r\n==41=")]
    [InlineData("trail \t \r\nlead  ing=  \r\nend=4")]
    [InlineData("caf=c3=a9 =\r\n\r\n\r\n =20 \n")]
    [InlineData("a =\r\n\r\nb=20  \r\n \t=\n  \n")]
    public void Decode_SplitAnywhere_GivesSameOutput(string input)
    {
        byte[] expected = new QuotedPrintableDecoder().DecodeAll(Bytes(input));
        AssertSameAtEverySplit(() => new QuotedPrintableDecoder(), Bytes(input), expected);
    }

    [Fact]
    public void Decode_SplitAnywhere_MatchesKnownOutput()
    {
        AssertSameAtEverySplit(
            () => new QuotedPrintableDecoder(),
            Bytes("Gr=C3=BC=C3=9Fe  =\r\naus K=C3=B6ln  \r\n=3D end"),
            Bytes("Gr\xC3\xBC\xC3\x9F" + "e  aus K\xC3\xB6ln\r\n= end"));
    }

    [Fact]
    public void Decode_VeryLongWhitespaceRun_IsKeptWhenTextFollows()
    {
        string spaces = new(' ', 5000);
        Assert.Equal(spaces + "x", Text(new QuotedPrintableDecoder().DecodeAll(Bytes(spaces + "x"))));
        Assert.Equal("\r\n", Text(new QuotedPrintableDecoder().DecodeAll(Bytes(spaces + "\r\n"))));
    }

    [Fact]
    public void Decode_VeryLongWhitespaceRunAcrossChunks_StaysWithinAdvertisedOutput()
    {
        string input = new string(' ', 3000) + "x" + new string('\t', 3000) + "=" + new string(' ', 3000) + "y";
        Assert.Equal(input, Text(Decode(new QuotedPrintableDecoder(), Bytes(input), 1, 700)));
    }

    [Fact]
    public void Flush_ResetsForReuse()
    {
        var decoder = new QuotedPrintableDecoder();
        Assert.Equal("a=4", Text(decoder.DecodeAll(Bytes("a=4"))));
        Assert.Equal("b", Text(decoder.DecodeAll(Bytes("b"))));
    }

    [Fact]
    public void Reset_DiscardsPendingEscape()
    {
        var decoder = new QuotedPrintableDecoder();
        var output = new byte[decoder.GetMaxDecodedLength(2)];
        Assert.Equal(0, decoder.Decode(Bytes("=4"), output));
        decoder.Reset();
        Assert.Equal("1", Text(decoder.DecodeAll(Bytes("1"))));
    }
}
