using System.Text;

namespace ServerlessMail.Imap.Tests.Commands;

public sealed class CrlfNormalizerTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("no break", "no break")]
    [InlineData("a\nb\n", "a\r\nb\r\n")]
    [InlineData("a\r\nb\r\n", "a\r\nb\r\n")]
    [InlineData("a\rb\r", "a\r\nb\r\n")]
    [InlineData("\n\n\r\r\n\r", "\r\n\r\n\r\n\r\n\r\n")]
    [InlineData("x\r\n\ny", "x\r\n\r\ny")]
    public void EveryLineEnd_BecomesCrlf_WhereverTheInputIsCut(string input, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(input);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var normalizer = new CrlfNormalizer();
            var output = new byte[CrlfNormalizer.GetMaxOutputLength(bytes.Length)];
            var written = normalizer.Normalize(bytes.AsSpan(0, cut), output);
            written += normalizer.Normalize([], output.AsSpan(written));
            written += normalizer.Normalize(bytes.AsSpan(cut), output.AsSpan(written));
            Assert.Equal(expected, Encoding.ASCII.GetString(output, 0, written));
        }
    }
}
