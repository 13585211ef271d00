using System.Buffers;
using ServerlessMail.Core;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap;

/// <summary>
/// Writes BINARY[part] and BINARY.SIZE[part] (RFC 3516 §4.2, §4.3) from the decoded octets of
/// <see cref="BinaryContent"/>, never holding a part whole. A literal's length, and whether it must be a literal8
/// (decoded octets with a NUL; without one a plain literal, as §4.3 asks), have to be known before its first octet,
/// and a decoded length is only known by decoding. So BINARY decodes twice, both times streaming: a first pass counts
/// the octets and looks for a NUL in the range to send (it stops once a partial's range is passed), a second writes
/// them. That is a second ranged read of the part rather than a cache of decoded lengths: a client fetches an
/// attachment once, and a cache keyed by message and part would have to be bounded and shared for a one-off saving.
/// Parts sent as stored (identity encodings, not text) know their length from the structure: BINARY.SIZE reads
/// nothing, and a partial narrows the ranged read as BODY's does.
/// </summary>
internal static class BinarySectionWriter
{
    /// <summary>True when a BINARY item of <paramref name="items"/> names a leaf whose CTE cannot be undone.</summary>
    public static bool HasUnknownEncoding(MimeMessage structure, IEnumerable<FetchItem> items) =>
        items.Any(i => i.Attribute is FetchAttribute.Binary or FetchAttribute.BinarySize && SectionResolver.ResolveBinary(structure, i.Section!.Part).UnknownEncoding);

    public static async Task WriteSizeAsync(ImapSession session, MessageContent stored, MimeMessage structure, FetchItem item)
    {
        var plan = SectionResolver.ResolveBinary(structure, item.Section!.Part);
        var size = plan.Identity ? plan.Length : (await MeasureAsync(session, stored, plan, 0, long.MaxValue).ConfigureAwait(false)).Length;
        ImapSyntax.WriteNumber(session.Output, size);
    }

    public static async Task WriteAsync(ImapSession session, MessageContent stored, MimeMessage structure, FetchItem item)
    {
        var output = session.Output;
        var plan = SectionResolver.ResolveBinary(structure, item.Section!.Part);
        if (!plan.Exists)
        {
            ImapSyntax.WriteAscii(output, "\"\"");
            return;
        }

        long start, length;
        bool nul;
        if (plan.Identity)
        {
            (start, length) = SectionWriter.Partial(plan.Length, item);
            plan = plan with { Offset = plan.Offset + start, Length = length };
            start = 0;
            nul = (await MeasureAsync(session, stored, plan, 0, length).ConfigureAwait(false)).Nul;
        }
        else
        {
            // Only a partial's range must be passed: its count is then the partial's length.
            var (from, count) = item.PartialStart is { } at ? (at, item.PartialLength ?? long.MaxValue) : (0L, long.MaxValue);
            (var decoded, nul) = await MeasureAsync(session, stored, plan, from, count).ConfigureAwait(false);
            (start, length) = SectionWriter.Partial(decoded, item);
        }

        SectionWriter.WriteLiteralHeader(output, length, literal8: nul);
        await CopyAsync(session, stored, plan, start, length).ConfigureAwait(false);
    }

    /// <summary>
    /// Decodes until <paramref name="start"/> + <paramref name="count"/> octets are passed or the part ends: the
    /// decoded length so far, and whether a NUL lies in [start, start + count).
    /// </summary>
    private static async Task<(long Length, bool Nul)> MeasureAsync(ImapSession session, MessageContent stored, BinaryPlan plan, long start, long count)
    {
        var end = count > long.MaxValue - start ? long.MaxValue : start + count;
        long position = 0;
        var nul = false;
        await foreach (var chunk in BinaryContent.ReadAsync(session.Services.Blobs, stored.BlobKey, plan, session.Cancellation).ConfigureAwait(false))
        {
            var from = Math.Max(start, position) - position;
            var to = Math.Min(end, position + chunk.Length) - position;
            nul |= from < to && chunk.Span[(int)from..(int)to].Contains((byte)0);
            position += chunk.Length;
            if (position >= end)
            {
                break;
            }
        }

        return (position, nul);
    }

    /// <summary>Writes <paramref name="count"/> decoded octets from <paramref name="start"/>, flushing as it goes.</summary>
    private static async Task CopyAsync(ImapSession session, MessageContent stored, BinaryPlan plan, long start, long count)
    {
        var output = session.Output;
        long position = 0;
        var remaining = count;
        long unflushed = 0;
        if (remaining > 0)
        {
            await foreach (var chunk in BinaryContent.ReadAsync(session.Services.Blobs, stored.BlobKey, plan, session.Cancellation).ConfigureAwait(false))
            {
                var skip = (int)Math.Clamp(start - position, 0, chunk.Length);
                position += chunk.Length;
                var take = (int)Math.Min(chunk.Length - skip, remaining);
                if (take <= 0)
                {
                    continue;
                }

                output.Write(chunk.Span.Slice(skip, take));
                remaining -= take;
                unflushed += take;
                if (remaining == 0)
                {
                    break;
                }

                if (unflushed >= SectionWriter.FlushThreshold)
                {
                    await session.FlushAsync().ConfigureAwait(false);
                    unflushed = 0;
                }
            }
        }

        SectionWriter.Pad(output, remaining);
    }
}
