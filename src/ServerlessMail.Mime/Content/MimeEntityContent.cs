using System.Buffers;

namespace ServerlessMail.Mime;

/// <summary>
/// Reads an entity's body from the message source and undoes its Content-Transfer-Encoding, in fixed-size chunks:
/// a body is never held whole unless the caller asks for an array or a string.
/// </summary>
public static class MimeEntityContent
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Writes the decoded body to <paramref name="destination"/>; returns the number of decoded octets.</summary>
    public static long DecodeTo(this MimeEntity entity, IMimeSource source, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var decoder = ContentEncodings.CreateDecoder(entity.ContentTransferEncoding);
        var input = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var output = decoder is null ? null : ArrayPool<byte>.Shared.Rent(decoder.GetMaxDecodedLength(ChunkSize));
        try
        {
            long written = 0;
            var offset = entity.BodyOffset;
            while (offset < entity.EndOffset)
            {
                var want = (int)Math.Min(ChunkSize, entity.EndOffset - offset);
                var read = source.Read(offset, input.AsSpan(0, want));
                if (read == 0)
                {
                    break;
                }

                offset += read;
                if (decoder is null)
                {
                    destination.Write(input, 0, read);
                    written += read;
                    continue;
                }

                var count = decoder.Decode(input.AsSpan(0, read), output);
                destination.Write(output!, 0, count);
                written += count;
            }

            if (decoder is not null)
            {
                var tail = decoder.Flush(output);
                destination.Write(output!, 0, tail);
                written += tail;
            }

            return written;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            if (output is not null)
            {
                ArrayPool<byte>.Shared.Return(output);
            }
        }
    }

    /// <summary>The decoded body as an array.</summary>
    public static byte[] Decode(this MimeEntity entity, IMimeSource source)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var buffer = new MemoryStream(EstimateDecodedLength(entity));
        entity.DecodeTo(source, buffer);
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    /// <summary>The decoded body as text, in the declared charset (or the fallback when it is unknown or wrong).</summary>
    public static string DecodeText(this MimeEntity entity, IMimeSource source)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var buffer = new MemoryStream(EstimateDecodedLength(entity));
        entity.DecodeTo(source, buffer);
        return Charsets.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), entity.ContentType.Charset);
    }

    private static int EstimateDecodedLength(MimeEntity entity)
    {
        var length = entity.BodyLength;
        if (entity.ContentTransferEncoding == ContentEncoding.Base64)
        {
            length = length * 3 / 4;
        }

        return (int)Math.Min(length, Array.MaxLength);
    }
}
