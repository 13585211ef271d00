using System.Buffers;
using System.Text;

namespace ServerlessMail.Imap.Rendering;

/// <summary>
/// HEADER.FIELDS and HEADER.FIELDS.NOT (RFC 3501 §6.4.5) over a raw header block: whole fields (with their folded
/// continuation lines, as written) are kept or dropped by name, case-insensitively, and the result ends with the
/// blank line (CRLF) that ends a header, as the RFC asks. A line without a colon names no field: FIELDS.NOT keeps it.
/// </summary>
internal static class HeaderFieldFilter
{
    public static byte[] Apply(ReadOnlySpan<byte> headerBlock, IReadOnlyList<string> fields, bool not)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var output = new ArrayBufferWriter<byte>(Math.Min(headerBlock.Length + 2, 4096));
        var keep = false;
        while (!headerBlock.IsEmpty)
        {
            var end = headerBlock.IndexOf((byte)'\n');
            var line = end < 0 ? headerBlock : headerBlock[..(end + 1)];
            headerBlock = headerBlock[line.Length..];
            var content = line.TrimEnd("\r\n"u8);
            if (content.IsEmpty)
            {
                // The blank line ends the header; whatever follows is body.
                break;
            }

            // A continuation line (RFC 5322 §2.2.3) belongs to the field before it.
            if (content[0] is not ((byte)' ' or (byte)'\t'))
            {
                var colon = content.IndexOf((byte)':');
                keep = colon < 0 ? not : Matches(content[..colon].TrimEnd(" \t"u8), fields) != not;
            }

            if (keep)
            {
                ImapSyntax.WriteRaw(output, content);
                ImapSyntax.WriteRaw(output, "\r\n"u8);
            }
        }

        ImapSyntax.WriteRaw(output, "\r\n"u8);
        return output.WrittenSpan.ToArray();
    }

    private static bool Matches(ReadOnlySpan<byte> name, IReadOnlyList<string> fields)
    {
        // Field names are printable US-ASCII (RFC 5322 §3.6.8); anything else cannot equal a requested name.
        if (name.IsEmpty || !Ascii.IsValid(name))
        {
            return false;
        }

        foreach (var field in fields)
        {
            if (Ascii.EqualsIgnoreCase(name, field))
            {
                return true;
            }
        }

        return false;
    }
}
