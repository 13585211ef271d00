using static ServerlessMail.Mime.Tests.Encodings.DecoderTestHelper;

namespace ServerlessMail.Mime.Tests.Encodings;

public class Base64DecoderTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("YWJj", "abc")]
    [InlineData("YWJjZA==", "abcd")]
    [InlineData("YWJjZGU=", "abcde")]
    [InlineData("YWJjZGVm", "abcdef")]
    [InlineData("YW Jj\r\nZA==", "abcd")]
    [InlineData("YWJj\r\nZGVm\r\n", "abcdef")]
    [InlineData("YWJj\nZGVm\n", "abcdef")]
    [InlineData("/+/+", "\xFF\xEF\xFE")]
    [InlineData("AAEC", "\x00\x01\x02")]
    public void Decode_ValidInput(string input, string expected)
    {
        Assert.Equal(expected, Text(new Base64Decoder().DecodeAll(Bytes(input))));
    }

    [Theory]
    [InlineData("YWJjZA", "abcd")] // missing padding: 2 sextets left
    [InlineData("YWJjZGU", "abcde")] // missing padding: 3 sextets left
    [InlineData("YWJjZ", "abc")] // a lone final sextet cannot make an octet
    [InlineData("Y", "")]
    [InlineData("YWJj!!ZA==", "abcd")] // junk skipped
    [InlineData("YWJj\x00\xFFZA==", "abcd")] // binary junk skipped
    [InlineData("YWJj-._:ZGVm", "abcdef")]
    [InlineData("YQ==YQ==", "aa")] // concatenated runs: decoding resumes after padding
    [InlineData("YWJj\r\nZA==\r\n\r\n-- \r\nfooter added by a list\r\n", "abcd")] // a trailer after padding ends the body
    [InlineData("YQ==\r\n~~~\r\nYWJj", "a")] // junk after padding: nothing after it is base64 of this body
    [InlineData("YW!Jj\r\nZA==", "abcd")] // junk before padding is still skipped
    [InlineData("YWI=\r\nY2Q=\r\n", "abcd")]
    [InlineData("YQ==\r\n\r\nYWJj", "aabc")]
    [InlineData("====", "")]
    [InlineData("=YWJj", "abc")] // padding before any data is ignored
    [InlineData("YQ=", "a")] // short padding
    [InlineData("YQ===", "a")] // extra padding
    [InlineData("Y=QQ", "A")] // padding after one sextet drops it
    [InlineData("YW\r\nJj", "abc")] // line break inside a quantum
    [InlineData("Y W J j", "abc")]
    [InlineData("\r\n\r\n", "")]
    public void Decode_BadInput_IsTolerated(string input, string expected)
    {
        Assert.Equal(expected, Text(new Base64Decoder().DecodeAll(Bytes(input))));
    }

    [Theory]
    [InlineData("YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=", "abcdefghijklmnopqrstuvwxyz")]
    [InlineData("YWJj\r\nZGVm\r\nZ2hp\r\nams=\r\n", "abcdefghijk")]
    [InlineData("YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo\r\n", "abcdefghijklmnopqrstuvwxyz")]
    [InlineData("YQ==YWJj!ZGVm==Z2hp\r\nYW", "aabcdefghia")]
    [InlineData("YWJjZGVmZ2hp\r\nYWJjZGVmZ2hp\r\nYWJjZG\r\n", "abcdefghiabcdefghiabcd")]
    [InlineData("YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4e\r\nXo", "abcdefghijklmnopqrstuvwxyz")]
    [InlineData("YWJjZGVmZ2hpamtsbW5vcHFy\r\nYQ==YWJjZGVmZ2hpamtsbW5vcHFy", "abcdefghijklmnopqraabcdefghijklmnopqr")]
    [InlineData("YWJjZGVmZ2hpamtsbW5vcHFy\r\n-- ** --\r\nc3R1dnd4eXo=", "abcdefghijklmnopqrstuvwxyz")]
    public void Decode_SplitAnywhere_GivesSameOutput(string input, string expected)
    {
        AssertSameAtEverySplit(() => new Base64Decoder(), Bytes(input), Bytes(expected));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(76)]
    [InlineData(78)]
    [InlineData(4096)]
    [InlineData(100_000)]
    public void Decode_LargeLineWrappedBody_RoundTrips(int chunkSize)
    {
        byte[] original = new byte[64 * 1024 + 7];
        new Random(42).NextBytes(original);
        byte[] encoded = Bytes(Convert.ToBase64String(original, Base64FormattingOptions.InsertLineBreaks));

        Assert.Equal(original, Decode(new Base64Decoder(), encoded, chunkSize));
    }

    [Fact]
    public void Decode_BareLfLines_RoundTrips()
    {
        byte[] original = new byte[10_000];
        new Random(7).NextBytes(original);
        string encoded = Convert.ToBase64String(original, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.Equal(original, Decode(new Base64Decoder(), Bytes(encoded), 333));
    }

    [Fact]
    public void Flush_ResetsForReuse()
    {
        var decoder = new Base64Decoder();
        Assert.Equal("ab", Text(decoder.DecodeAll(Bytes("YWI"))));
        Assert.Equal("abc", Text(decoder.DecodeAll(Bytes("YWJj"))));
    }

    [Fact]
    public void Reset_DiscardsPendingSextets()
    {
        var decoder = new Base64Decoder();
        var output = new byte[decoder.GetMaxDecodedLength(2)];
        Assert.Equal(0, decoder.Decode(Bytes("YW"), output));
        decoder.Reset();
        Assert.Equal("abc", Text(decoder.DecodeAll(Bytes("YWJj"))));
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 3)]
    [InlineData(4, 5)]
    [InlineData(76, 59)]
    public void GetMaxDecodedLength_CoversPendingSextets(int inputLength, int expected)
    {
        Assert.Equal(expected, new Base64Decoder().GetMaxDecodedLength(inputLength));
    }
}
