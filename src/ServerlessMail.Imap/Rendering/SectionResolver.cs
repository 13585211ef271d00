using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Rendering;

/// <summary>
/// Maps an RFC 3501 §6.4.5 section (or an RFC 3516 section-binary) to a byte range of the raw message, from the
/// stored structure, so the session answers BODY[...] and BINARY[...] with ranged reads. Part numbers follow
/// <see cref="MimePartNumbers"/>: a multipart's parts count from 1, a non-multipart message's part 1 is its body, and a
/// message/rfc822 part's numbers continue into the nested message (its multipart shares the part's number; a
/// single-part nested body is n.1). No I/O here.
/// </summary>
internal static class SectionResolver
{
    public static SectionPlan Resolve(MimeMessage structure, SectionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(spec);
        var root = structure.Root;
        if (spec.Part.Count == 0)
        {
            // The top level is a message: HEADER and TEXT are its own, and MIME needs a part (RFC 3501 §6.4.5).
            return spec.Kind switch
            {
                SectionKind.Full => Range(0, structure.Length),
                SectionKind.Text => Range(root.BodyOffset, structure.Length - root.BodyOffset),
                SectionKind.Mime => SectionPlan.Missing,
                _ => Header(root, spec),
            };
        }

        var entity = FindPart(root, spec.Part);
        if (entity is null)
        {
            return SectionPlan.Missing;
        }

        switch (spec.Kind)
        {
            case SectionKind.Full:
                return Range(entity.BodyOffset, entity.BodyLength);
            case SectionKind.Mime:
                return Range(entity.HeaderOffset, entity.BodyOffset - entity.HeaderOffset);
        }

        // HEADER, HEADER.FIELDS and TEXT of a part address the message it encapsulates (RFC 3501 §6.4.5); a part
        // that is not a message/rfc822 has no such header.
        if (entity.EncapsulatedMessage is not { } nested)
        {
            return SectionPlan.Missing;
        }

        return spec.Kind == SectionKind.Text
            ? Range(nested.BodyOffset, entity.EndOffset - nested.BodyOffset)
            : Header(nested, spec);
    }

    /// <summary>
    /// RFC 3516 §4.2 BINARY[part]: the part's body and the encoding to undo. [] is the whole message as stored; a
    /// multipart or message/rfc822 part is its body as stored (RFC 3516 names no decoding for them, and RFC 9051
    /// §6.4.5 leaves BINARY to leaves). A text leaf is marked for CRLF line ends unless its charset does not spell a
    /// line break in ASCII octets (UTF-16, UTF-32), where inserting a CR would corrupt it.
    /// </summary>
    public static BinaryPlan ResolveBinary(MimeMessage structure, IReadOnlyList<int> part)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(part);
        if (part.Count == 0)
        {
            return new BinaryPlan(true, 0, structure.Length, ContentEncoding.Binary, false);
        }

        if (FindPart(structure.Root, part) is not { } entity)
        {
            return BinaryPlan.Missing;
        }

        var length = Math.Max(0, entity.BodyLength);
        if (entity.Kind != MimeEntityKind.Leaf)
        {
            return new BinaryPlan(true, entity.BodyOffset, length, ContentEncoding.Binary, false);
        }

        var text = entity.ContentType.IsText && AsciiLineBreaks(entity.ContentType.Charset);
        return new BinaryPlan(true, entity.BodyOffset, length, entity.ContentTransferEncoding, text);
    }

    /// <summary>True when CR LF is the octets 13 10 in the charset (or it is unknown, read as ASCII-compatible as Mime does).</summary>
    private static bool AsciiLineBreaks(string? charset) =>
        Charsets.TryGetEncoding(charset) is not { } encoding || encoding.GetBytes("\r\n").AsSpan().SequenceEqual("\r\n"u8);

    /// <summary>The entity a non-empty part number names, or null when there is no such part.</summary>
    internal static MimeEntity? FindPart(MimeEntity root, IReadOnlyList<int> part)
    {
        MimeEntity? current = null;
        foreach (var number in part)
        {
            if (number < 1)
            {
                return null;
            }

            // What the next number counts in: the root at first, then a message part's nested message.
            var container = current is null ? root : current.EncapsulatedMessage;
            if (container is null && current is { Kind: MimeEntityKind.Multipart })
            {
                container = current;
            }

            if (container is null)
            {
                return null;
            }

            if (container.Kind == MimeEntityKind.Multipart)
            {
                if (number > container.Children.Count)
                {
                    return null;
                }

                current = container.Children[number - 1];
            }
            else if (number == 1)
            {
                current = container;
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    private static SectionPlan Header(MimeEntity message, SectionSpec spec)
    {
        var filter = spec.Kind switch
        {
            SectionKind.HeaderFields => SectionFilter.HeaderFields,
            SectionKind.HeaderFieldsNot => SectionFilter.HeaderFieldsNot,
            _ => SectionFilter.None,
        };
        return new SectionPlan(true, message.HeaderOffset, message.BodyOffset - message.HeaderOffset, filter, filter == SectionFilter.None ? [] : spec.Fields);
    }

    private static SectionPlan Range(long offset, long length) => new(true, offset, Math.Max(0, length), SectionFilter.None, []);
}
