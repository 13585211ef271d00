using System.Buffers;
using System.Runtime.CompilerServices;
using ServerlessMail.Core;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap;

/// <summary>
/// The octets BINARY sends for one section (RFC 3516 §4.2), produced a chunk at a time from one ranged read of the
/// blob at the offsets the stored structure recorded: the leaf's Content-Transfer-Encoding is undone by Mime's
/// streaming decoders (<see cref="ContentEncodings.CreateDecoder"/>: base64, quoted-printable, x-uuencode; the
/// identity encodings pass through), then a text section's line ends are made CRLF (<see cref="CrlfNormalizer"/>).
/// Whatever the part's size, what is held is one input chunk and its decoded and normalized copies, pooled.
/// </summary>
internal static class BinaryContent
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>The section's octets in order; each chunk is valid only until the next one is asked for.</summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(IBlobStore blobs, string blobKey, BinaryPlan plan, [EnumeratorCancellation] CancellationToken cancellation)
    {
        if (plan.Length == 0)
        {
            yield break;
        }

        var decoder = ContentEncodings.CreateDecoder(plan.Encoding);
        var normalizer = plan.Text ? new CrlfNormalizer() : null;
        var decodedLength = decoder?.GetMaxDecodedLength(ChunkSize) ?? ChunkSize;
        var input = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var decoded = decoder is null ? null : ArrayPool<byte>.Shared.Rent(decodedLength);
        var normalized = normalizer is null ? null : ArrayPool<byte>.Shared.Rent(CrlfNormalizer.GetMaxOutputLength(decodedLength));
        try
        {
            await using var content = await blobs.OpenRangeAsync(blobKey, plan.Offset, plan.Length, cancellation).ConfigureAwait(false);
            int read;
            while ((read = await content.ReadAsync(input.AsMemory(0, ChunkSize), cancellation).ConfigureAwait(false)) > 0)
            {
                ReadOnlyMemory<byte> chunk = decoder is null ? input.AsMemory(0, read) : decoded.AsMemory(0, decoder.Decode(input.AsSpan(0, read), decoded));
                chunk = Normalize(normalizer, chunk, normalized);
                if (!chunk.IsEmpty)
                {
                    yield return chunk;
                }
            }

            if (decoder is not null)
            {
                var tail = Normalize(normalizer, decoded.AsMemory(0, decoder.Flush(decoded)), normalized);
                if (!tail.IsEmpty)
                {
                    yield return tail;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            if (decoded is not null)
            {
                ArrayPool<byte>.Shared.Return(decoded);
            }

            if (normalized is not null)
            {
                ArrayPool<byte>.Shared.Return(normalized);
            }
        }
    }

    private static ReadOnlyMemory<byte> Normalize(CrlfNormalizer? normalizer, ReadOnlyMemory<byte> chunk, byte[]? output) =>
        normalizer is null ? chunk : output.AsMemory(0, normalizer.Normalize(chunk.Span, output));
}
