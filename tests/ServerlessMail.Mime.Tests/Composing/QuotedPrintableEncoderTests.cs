using System.Text;

namespace ServerlessMail.Mime.Tests.Composing;

public class QuotedPrintableEncoderTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "hello\r\n", "hello\r\n" },
        { "a=b", "a=3Db" },
        { "caf\u00e9", "caf=C3=A9" },
        { "tab\there", "tab\there" },
        { "trailing \r\nnext", "trailing=20\r\nnext" },
        { "trailing\t\r\n", "trailing=09\r\n" },
        { "ends with space ", "ends with space=20" },
        { "two  \r\n", "two =20\r\n" },
        { ".dot\r\n", "=2Edot\r\n" },
        { "a.b\r\n.\r\n", "a.b\r\n=2E\r\n" },
        { "From me\r\n", "=46rom me\r\n" },
        { "Fromage\r\n", "Fromage\r\n" },
        { "x From y\r\n", "x From y\r\n" },
        { "nul\0", "nul=00" },
        { "del\x7f", "del=7F" },
        { "bare\rcr", "bare=0Dcr" },
        { new string('x', 76), new string('x', 76) },
        { new string('x', 77), new string('x', 75) + "=\r\n" + "xx" },
        { new string('x', 76) + "\r\n", new string('x', 76) + "\r\n" },
        { new string('x', 74) + "=", new string('x', 74) + "=\r\n=3D" },
        { new string('x', 73) + "=", new string('x', 73) + "=3D" },
        { new string('x', 73) + "=y", new string('x', 73) + "=\r\n=3Dy" },
        { new string('x', 75) + ".y", new string('x', 75) + "=\r\n=2Ey" },
        { new string('x', 75) + "From x", new string('x', 75) + "=\r\n=46rom x" },
        { new string('x', 74) + " y", new string('x', 74) + " y" },
        { new string('x', 74) + " yz", new string('x', 74) + " =\r\nyz" },
        { new string('x', 75) + " y", new string('x', 75) + "=\r\n y" },
        { new string('x', 75) + " ", new string('x', 75) + "=\r\n=20" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_Table(string input, string expected) =>
        Assert.Equal(expected, Encoding.Latin1.GetString(QuotedPrintableEncoder.Encode(Encoding.UTF8.GetBytes(input))));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Encode_RandomText_DecodesBackWithinLineLimits(int seed)
    {
        var random = new Random(seed);
        var alphabet = "ab =.\tF\u00e9\u20ac\U0001F600\r\n".EnumerateRunes().Select(r => r.ToString()).ToArray();
        for (var round = 0; round < 200; round++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 400);
            for (var i = 0; i < length; i++)
            {
                text.Append(random.Next(4) == 0 ? "From " : alphabet[random.Next(alphabet.Length)]);
            }

            var input = LineBreaks.ToCrlfUtf8(text.ToString(), terminate: false);
            var encoded = QuotedPrintableEncoder.Encode(input);
            Assert.Equal(input, ComposedOutput.DecodeQuotedPrintable(encoded));
            foreach (var line in Encoding.ASCII.GetString(encoded).Split("\r\n"))
            {
                Assert.True(line.Length <= 76, line);
                Assert.False(line.EndsWith(' ') || line.EndsWith('\t'), line);
                Assert.False(line.StartsWith('.') || line.StartsWith("From ", StringComparison.Ordinal), line);
                Assert.True(line.All(c => c is >= ' ' and < '\x7f' or '\t'), line);
            }
        }
    }
}
