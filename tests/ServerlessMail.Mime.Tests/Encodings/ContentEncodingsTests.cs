using static ServerlessMail.Mime.Tests.Encodings.DecoderTestHelper;

namespace ServerlessMail.Mime.Tests.Encodings;

public class ContentEncodingsTests
{
    [Theory]
    [InlineData("7bit", ContentEncoding.SevenBit)]
    [InlineData(" 7BIT ", ContentEncoding.SevenBit)]
    [InlineData("8bit", ContentEncoding.EightBit)]
    [InlineData("8Bit", ContentEncoding.EightBit)]
    [InlineData("binary", ContentEncoding.Binary)]
    [InlineData("base64", ContentEncoding.Base64)]
    [InlineData("Base64", ContentEncoding.Base64)]
    [InlineData("BASE64\r\n", ContentEncoding.Base64)]
    [InlineData("quoted-printable", ContentEncoding.QuotedPrintable)]
    [InlineData("Quoted-Printable", ContentEncoding.QuotedPrintable)]
    [InlineData("x-uuencode", ContentEncoding.UUEncode)]
    [InlineData("uuencode", ContentEncoding.UUEncode)]
    [InlineData("x-uue", ContentEncoding.UUEncode)]
    [InlineData("X-UUENCODE", ContentEncoding.UUEncode)]
    [InlineData("", ContentEncoding.Default)]
    public void Parse_KnownValues(string raw, ContentEncoding expected)
    {
        Assert.Equal(expected, ContentEncodings.Parse(Bytes(raw)));
    }

    [Theory]
    [InlineData("   ", ContentEncoding.Default)]
    [InlineData("\r\n\t", ContentEncoding.Default)]
    [InlineData("(just a comment)", ContentEncoding.Default)]
    [InlineData("(unterminated comment", ContentEncoding.Default)]
    [InlineData("base64 (this is base64)", ContentEncoding.Base64)]
    [InlineData("(a (nested) comment) base64", ContentEncoding.Base64)]
    [InlineData("(escaped \\) paren) base64", ContentEncoding.Base64)]
    [InlineData("\"base64\"", ContentEncoding.Base64)]
    [InlineData("base64;", ContentEncoding.Base64)]
    [InlineData("quoted-printable; charset=utf-8", ContentEncoding.QuotedPrintable)]
    [InlineData("quoted-\r\n printable", ContentEncoding.QuotedPrintable)]
    [InlineData("7-bit", ContentEncoding.SevenBit)]
    [InlineData("8-bit", ContentEncoding.EightBit)]
    [InlineData("x-foo", ContentEncoding.Unknown)]
    [InlineData("base-64", ContentEncoding.Unknown)]
    [InlineData("base64 base64", ContentEncoding.Unknown)]
    [InlineData("quoted-printablequoted-printablequoted-printable", ContentEncoding.Unknown)]
    [InlineData("b\xE4se64", ContentEncoding.Unknown)]
    public void Parse_BadInput_IsTolerated(string raw, ContentEncoding expected)
    {
        Assert.Equal(expected, ContentEncodings.Parse(Bytes(raw)));
    }

    [Theory]
    [InlineData(ContentEncoding.Base64, typeof(Base64Decoder))]
    [InlineData(ContentEncoding.QuotedPrintable, typeof(QuotedPrintableDecoder))]
    [InlineData(ContentEncoding.UUEncode, typeof(UUDecoder))]
    public void CreateDecoder_ForTransformingEncodings(ContentEncoding encoding, Type expected)
    {
        Assert.IsType(expected, ContentEncodings.CreateDecoder(encoding));
    }

    [Theory]
    [InlineData(ContentEncoding.Default)]
    [InlineData(ContentEncoding.SevenBit)]
    [InlineData(ContentEncoding.EightBit)]
    [InlineData(ContentEncoding.Binary)]
    [InlineData(ContentEncoding.Unknown)]
    public void CreateDecoder_IdentityEncodings_ReturnsNull(ContentEncoding encoding)
    {
        Assert.Null(ContentEncodings.CreateDecoder(encoding));
    }

    [Fact]
    public void CreateDecoder_ReturnsFreshInstances()
    {
        Assert.NotSame(ContentEncodings.CreateDecoder(ContentEncoding.Base64), ContentEncodings.CreateDecoder(ContentEncoding.Base64));
    }

    [Fact]
    public void DecodeAll_DecodesAndFlushes()
    {
        Assert.Equal("ab", Text(ContentEncodings.CreateDecoder(ContentEncoding.Base64)!.DecodeAll(Bytes("YWI"))));
        Assert.Equal("a=4", Text(ContentEncodings.CreateDecoder(ContentEncoding.QuotedPrintable)!.DecodeAll(Bytes("a=4"))));
        Assert.Empty(new Base64Decoder().DecodeAll([]));
    }
}
