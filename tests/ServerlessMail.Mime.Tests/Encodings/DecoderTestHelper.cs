using System.Text;

namespace ServerlessMail.Mime.Tests.Encodings;

/// <summary>Feeds decoders input in chunks through output buffers of exactly the advertised size.</summary>
internal static class DecoderTestHelper
{
    public static byte[] Bytes(string latin1) => Encoding.Latin1.GetBytes(latin1);

    public static string Text(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    public static byte[] Decode(IMimeDecoder decoder, byte[] input, params int[] chunkSizes)
    {
        var output = new List<byte>();
        int offset = 0;
        int next = 0;
        while (offset < input.Length)
        {
            int size = chunkSizes.Length == 0 ? input.Length : Math.Min(chunkSizes[next++ % chunkSizes.Length], input.Length - offset);
            output.AddRange(DecodeChunk(decoder, input.AsSpan(offset, size)));
            offset += size;
        }

        var tail = new byte[decoder.GetMaxDecodedLength(0)];
        int flushed = decoder.Flush(tail);
        output.AddRange(tail.AsSpan(0, flushed).ToArray());
        return [.. output];
    }

    /// <summary>Decodes the input split in two at every position, and one octet at a time, and checks every result equals <paramref name="expected"/>.</summary>
    public static void AssertSameAtEverySplit(Func<IMimeDecoder> create, byte[] input, byte[] expected)
    {
        for (int split = 0; split <= input.Length; split++)
        {
            IMimeDecoder decoder = create();
            var output = new List<byte>();
            output.AddRange(DecodeChunk(decoder, input.AsSpan(0, split)));
            output.AddRange(DecodeChunk(decoder, input.AsSpan(split)));
            var tail = new byte[decoder.GetMaxDecodedLength(0)];
            output.AddRange(tail.AsSpan(0, decoder.Flush(tail)).ToArray());
            Assert.True(expected.AsSpan().SequenceEqual(output.ToArray()), $"split at {split}: got \"{Text([.. output])}\"");
        }

        Assert.Equal(expected, Decode(create(), input, 1));
        Assert.Equal(expected, Decode(create(), input, 2, 3, 5, 7));
    }

    private static byte[] DecodeChunk(IMimeDecoder decoder, ReadOnlySpan<byte> chunk)
    {
        // Exactly the advertised size: an under-estimate throws IndexOutOfRange here.
        var output = new byte[decoder.GetMaxDecodedLength(chunk.Length)];
        int written = decoder.Decode(chunk, output);
        return output.AsSpan(0, written).ToArray();
    }
}
