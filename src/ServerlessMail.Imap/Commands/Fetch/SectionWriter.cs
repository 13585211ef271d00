using System.Buffers;
using ServerlessMail.Core;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap;

/// <summary>
/// Writes one body section as a literal: a ranged read of the stored blob at the section's offsets, copied to the
/// output in chunks and flushed as it goes, so a 25 MB message never sits in memory. Only HEADER.FIELDS filtering reads
/// its (bounded) header block whole.
/// </summary>
internal static class SectionWriter
{
    private const int ChunkSize = 64 * 1024;

    // Flush when this much is waiting, so a large FETCH streams instead of growing the pipe.
    internal const long FlushThreshold = 256 * 1024;

    public static async Task WriteAsync(ImapSession session, MessageContent stored, MimeMessage structure, FetchItem item)
    {
        var output = session.Output;
        var plan = SectionResolver.Resolve(structure, item.Section!);
        if (!plan.Exists)
        {
            ImapSyntax.WriteAscii(output, "\"\"");
            return;
        }

        if (plan.Filter != SectionFilter.None)
        {
            var block = new byte[plan.Length];
            await using (var header = await session.Services.Blobs.OpenRangeAsync(stored.BlobKey, plan.Offset, plan.Length, session.Cancellation).ConfigureAwait(false))
            {
                await header.ReadAtLeastAsync(block, block.Length, throwOnEndOfStream: false, session.Cancellation).ConfigureAwait(false);
            }

            var filtered = HeaderFieldFilter.Apply(block, plan.Fields, plan.Filter == SectionFilter.HeaderFieldsNot);
            var (from, count) = Partial(filtered.Length, item);
            WriteLiteralHeader(output, count);
            output.Write(filtered.AsSpan((int)from, (int)count));
            return;
        }

        var (start, length) = Partial(plan.Length, item);
        WriteLiteralHeader(output, length);
        if (length == 0)
        {
            return;
        }

        await using var content = await session.Services.Blobs.OpenRangeAsync(stored.BlobKey, plan.Offset + start, length, session.Cancellation).ConfigureAwait(false);
        var remaining = length;
        long unflushed = 0;
        while (remaining > 0)
        {
            var memory = output.GetMemory((int)Math.Min(ChunkSize, remaining));
            var read = await content.ReadAsync(memory[..(int)Math.Min(memory.Length, remaining)], session.Cancellation).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            output.Advance(read);
            remaining -= read;
            unflushed += read;
            if (unflushed >= FlushThreshold)
            {
                await session.FlushAsync().ConfigureAwait(false);
                unflushed = 0;
            }
        }

        Pad(output, remaining);
    }

    /// <summary>Fills the rest of a literal when the blob is shorter than its recorded structure says, so the literal keeps its announced length.</summary>
    internal static void Pad(IBufferWriter<byte> output, long remaining)
    {
        while (remaining > 0)
        {
            var pad = output.GetSpan((int)Math.Min(ChunkSize, remaining));
            var n = (int)Math.Min(pad.Length, remaining);
            pad[..n].Fill((byte)' ');
            output.Advance(n);
            remaining -= n;
        }
    }

    /// <summary>RFC 3501 §6.4.5 &lt;start.length&gt;: past the end gives an empty string, a short tail what there is.</summary>
    internal static (long Start, long Length) Partial(long total, FetchItem item)
    {
        if (item.PartialStart is not { } start)
        {
            return (0, total);
        }

        if (start >= total)
        {
            return (total, 0);
        }

        return (start, Math.Min(item.PartialLength ?? total, total - start));
    }

    /// <summary><c>{n}</c>, or with <paramref name="literal8"/> RFC 3516's <c>~{n}</c>, then CRLF.</summary>
    internal static void WriteLiteralHeader(IBufferWriter<byte> output, long length, bool literal8 = false)
    {
        ImapSyntax.WriteAscii(output, literal8 ? "~{" : "{");
        ImapSyntax.WriteNumber(output, length);
        ImapSyntax.WriteAscii(output, "}\r\n");
    }
}
