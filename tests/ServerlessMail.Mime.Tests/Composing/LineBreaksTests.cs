using System.Text;

namespace ServerlessMail.Mime.Tests.Composing;

public class LineBreaksTests
{
    [Theory]
    [InlineData("", false, "")]
    [InlineData("", true, "\r\n")]
    [InlineData("a", true, "a\r\n")]
    [InlineData("a\r\n", true, "a\r\n")]
    [InlineData("a\nb", false, "a\r\nb")]
    [InlineData("a\rb", false, "a\r\nb")]
    [InlineData("a\r\rb", false, "a\r\n\r\nb")]
    [InlineData("a\n\rb", false, "a\r\n\r\nb")]
    [InlineData("a\r\n\nb\r", true, "a\r\n\r\nb\r\n")]
    [InlineData("\n\n", true, "\r\n\r\n")]
    public void ToCrlfUtf8_NormalisesEveryBreak(string input, bool terminate, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(LineBreaks.ToCrlfUtf8(input, terminate)));

    [Theory]
    [InlineData("plain\r\n", false, false, "SevenBit", "SevenBit")]
    [InlineData("caf\u00e9\r\n", true, false, "QuotedPrintable", "EightBit")]
    [InlineData("nul\0\r\n", false, true, "QuotedPrintable", "QuotedPrintable")]
    [InlineData("bare\rcr", false, true, "QuotedPrintable", "QuotedPrintable")]
    public void Measure_ChoosesTransferEncoding(string text, bool eightBit, bool needsEncoding, string sevenBitTransport, string eightBitTransport)
    {
        var shape = LineBreaks.Measure(Encoding.UTF8.GetBytes(text));
        Assert.Equal(eightBit, shape.EightBit);
        Assert.Equal(needsEncoding, shape.NeedsEncoding);
        Assert.Equal(Enum.Parse<ContentEncoding>(sevenBitTransport), shape.Choose(allowEightBit: false));
        Assert.Equal(Enum.Parse<ContentEncoding>(eightBitTransport), shape.Choose(allowEightBit: true));
    }

    [Theory]
    [InlineData(998, false)]
    [InlineData(999, true)]
    public void Measure_LinesOver998OctetsNeedEncoding(int length, bool needsEncoding)
    {
        var text = Encoding.ASCII.GetBytes("short\r\n" + new string('x', length) + "\r\nshort\r\n");
        Assert.Equal(needsEncoding, LineBreaks.Measure(text).NeedsEncoding);
    }
}
