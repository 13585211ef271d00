using static ServerlessMail.Mime.Tests.Encodings.DecoderTestHelper;

namespace ServerlessMail.Mime.Tests.Encodings;

public class UUDecoderTests
{
    private const string FoxLine = "M5&AE('%U:6-K(&)R;W=N(&9O>\"!J=6UP<R!O=F5R('1H92!L87IY(&1O9R$A";
    private const string TailLine = "/(&%N9\"!T:&5N('-O;64N";
    private const string Fox = "The quick brown fox jumps over the lazy dog!! and then some.";

    [Theory]
    [InlineData("begin 644 cat.txt\n#0V%T\n`\nend\n", "Cat")]
    [InlineData("begin 644 cat.txt\r\n#0V%T\r\n`\r\nend\r\n", "Cat")]
    [InlineData("begin 644 fox.txt\n" + FoxLine + "\n" + TailLine + "\n`\nend\n", Fox)]
    [InlineData("begin 600 empty\n`\nend\n", "")]
    [InlineData("begin 644 cat.txt\n#0V%T\n \nend\n", "Cat")] // space as the zero-length line
    [InlineData("begin 644 x\n&86(`````\n`\nend\n", "ab\0\0\0\0")]
    [InlineData("begin 644 x\n&86(     \n`\nend\n", "ab\0\0\0\0")] // spaces instead of backquotes
    public void Decode_ValidInput(string input, string expected)
    {
        Assert.Equal(expected, Text(new UUDecoder().DecodeAll(Bytes(input))));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("#0V%T\n", "")] // no begin line: nothing is decoded
    [InlineData("Some preamble\nbegin-ish\n\nbegin 644 cat.txt\n#0V%T\n`\nend\n", "Cat")] // lines before begin skipped
    [InlineData("begin 644 cat.txt\n\n#0V%T\n\n`\nend\n", "Cat")] // blank lines in the body skipped
    [InlineData("begin 644 cat.txt\n#0V%T\nend\n", "Cat")] // no zero-length line before end
    [InlineData("begin 644 cat.txt\n#0V%T\n`\nend\n#0V%T\nbegin 644 b\n#0V%T\n", "Cat")] // everything after the end ignored
    [InlineData("begin 644 cat.txt\n#0V%T", "Cat")] // last line without a line break
    [InlineData("begin 644 cat.txt\n#0V%T\n", "Cat")] // no end at all
    [InlineData("begin 644 x\n&86(\n`\nend\n", "ab\0")] // trailing spaces stripped: the last group is completed with zeros
    [InlineData("begin 644 x\n#0V%\n`\nend\n", "Ca@")] // 3 of 4 characters: the missing one was a zero sextet
    [InlineData("begin 644 x\n#0V%TXXXXXXXX\n`\nend\n", "Cat")] // characters past the length are ignored
    [InlineData("begin 644 x\nM\n`\nend\n", "")] // a length with no data yields nothing
    [InlineData("begin 644 x\n#0V%T  \t\r\n`\nend", "Cat")]
    public void Decode_BadInput_IsTolerated(string input, string expected)
    {
        Assert.Equal(expected, Text(new UUDecoder().DecodeAll(Bytes(input))));
    }

    [Theory]
    [InlineData("preamble\r\nbegin 644 fox.txt\r\n" + FoxLine + "\r\n" + TailLine + "\r\n`\r\nend\r\n", Fox)]
    [InlineData("begin 644 x\n\n#0V%T\n&86(\nend\ntrailer", "Catab\0")]
    public void Decode_SplitAnywhere_GivesSameOutput(string input, string expected)
    {
        AssertSameAtEverySplit(() => new UUDecoder(), Bytes(input), Bytes(expected));
    }

    [Fact]
    public void Decode_OverlongLine_StaysWithinAdvertisedOutput()
    {
        string input = "begin 644 x\n" + "_" + new string('A', 500) + "\n" + FoxLine + "\n`\nend\n";
        byte[] decoded = Decode(new UUDecoder(), Bytes(input), 1, 64);
        Assert.Equal(63 + 45, decoded.Length);
        Assert.EndsWith("lazy dog!!", Text(decoded), StringComparison.Ordinal);
    }

    [Fact]
    public void Flush_ResetsForReuse()
    {
        var decoder = new UUDecoder();
        Assert.Equal("Cat", Text(decoder.DecodeAll(Bytes("begin 644 a\n#0V%T\n`\nend\n"))));
        Assert.Equal("Cat", Text(decoder.DecodeAll(Bytes("begin 644 b\n#0V%T\n`\nend\n"))));
    }
}
