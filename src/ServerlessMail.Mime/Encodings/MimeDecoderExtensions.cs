using System.Buffers;

namespace ServerlessMail.Mime;

public static class MimeDecoderExtensions
{
    /// <summary>Decodes a complete input in one call (decode, then flush); the decoder is left reset.</summary>
    public static byte[] DecodeAll(this IMimeDecoder decoder, ReadOnlySpan<byte> input)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        int size = (int)Math.Min(Array.MaxLength, (long)decoder.GetMaxDecodedLength(input.Length) + decoder.GetMaxDecodedLength(0));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            int written = decoder.Decode(input, buffer);
            written += decoder.Flush(buffer.AsSpan(written));
            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
