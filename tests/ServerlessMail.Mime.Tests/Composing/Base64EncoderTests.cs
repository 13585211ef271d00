using System.Text;

namespace ServerlessMail.Mime.Tests.Composing;

public class Base64EncoderTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "Zg==\r\n")]
    [InlineData("fo", "Zm8=\r\n")]
    [InlineData("foo", "Zm9v\r\n")]
    [InlineData("foob", "Zm9vYg==\r\n")]
    [InlineData("fooba", "Zm9vYmE=\r\n")]
    [InlineData("foobar", "Zm9vYmFy\r\n")]
    public void EncodeAll_Rfc4648Vectors(string input, string expected) =>
        Assert.Equal(expected, Encoding.ASCII.GetString(Base64Encoder.EncodeAll(Encoding.ASCII.GetBytes(input))));

    [Theory]
    [InlineData(56, new[] { 76 })]
    [InlineData(57, new[] { 76 })]
    [InlineData(58, new[] { 76, 4 })]
    [InlineData(114, new[] { 76, 76 })]
    [InlineData(115, new[] { 76, 76, 4 })]
    public void EncodeAll_BreaksLinesAt76(int length, int[] lineLengths)
    {
        var lines = Encoding.ASCII.GetString(Base64Encoder.EncodeAll(new byte[length])).Split("\r\n");
        Assert.Equal("", lines[^1]);
        Assert.Equal(lineLengths, lines[..^1].Select(line => line.Length));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(57)]
    [InlineData(1000)]
    public void Encode_InChunks_MatchesOneShot(int chunk)
    {
        var random = new Random(chunk);
        for (var round = 0; round < 20; round++)
        {
            var data = new byte[random.Next(0, 3000)];
            random.NextBytes(data);
            var encoder = new Base64Encoder();
            var output = new MemoryStream();
            var buffer = new byte[Base64Encoder.GetMaxEncodedLength(chunk) + 6];
            for (var offset = 0; offset < data.Length; offset += chunk)
            {
                var piece = data.AsSpan(offset, Math.Min(chunk, data.Length - offset));
                output.Write(buffer, 0, encoder.Encode(piece, buffer));
            }

            output.Write(buffer, 0, encoder.Flush(buffer));
            var text = Encoding.ASCII.GetString(output.ToArray());
            Assert.Equal(Expected(data), text);
        }
    }

    [Fact]
    public void Encode_RandomChunkSizes_DecodesBack()
    {
        var random = new Random(42);
        var data = new byte[100_000];
        random.NextBytes(data);
        var encoder = new Base64Encoder();
        var output = new MemoryStream();
        var offset = 0;
        while (offset < data.Length)
        {
            var take = Math.Min(random.Next(0, 500), data.Length - offset);
            var buffer = new byte[Base64Encoder.GetMaxEncodedLength(take)];
            output.Write(buffer, 0, encoder.Encode(data.AsSpan(offset, take), buffer));
            offset += take;
        }

        var tail = new byte[6];
        output.Write(tail, 0, encoder.Flush(tail));
        var text = Encoding.ASCII.GetString(output.ToArray());
        var lines = text.Split("\r\n");
        Assert.Equal("", lines[^1]);
        Assert.All(lines[..^2], line => Assert.Equal(76, line.Length));
        Assert.InRange(lines[^2].Length, 4, 76);
        Assert.Equal(data, Convert.FromBase64String(text.Replace("\r\n", "", StringComparison.Ordinal)));
    }

    private static string Expected(byte[] data)
    {
        var plain = Convert.ToBase64String(data);
        var builder = new StringBuilder();
        for (var i = 0; i < plain.Length; i += 76)
        {
            builder.Append(plain.AsSpan(i, Math.Min(76, plain.Length - i))).Append("\r\n");
        }

        return builder.ToString();
    }
}
