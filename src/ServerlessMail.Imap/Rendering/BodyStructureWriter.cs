using System.Buffers;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Rendering;

/// <summary>
/// BODY (<c>extended = false</c>) and BODYSTRUCTURE (<c>extended = true</c>) of RFC 3501 §7.4.2, computed from the
/// stored structure: octets are <c>EndOffset - BodyOffset</c>, lines <c>BodyLineCount</c>. The output was checked
/// against Dovecot 2.3 on the same messages; deliberate differences:
/// <list type="bullet">
/// <item>media type, subtype and parameter names are lower-cased (the parser normalizes them; Dovecot keeps the
/// case as written), and RFC 2231 parameters come reassembled and decoded (see <see cref="ParameterValueWriter"/>),
/// where Dovecot passes <c>filename*</c> continuations through raw;</item>
/// <item>sizes are of the stored octets, which BODY[] serves as they are; Dovecot counts bare-LF mail as CRLF;</item>
/// <item>a message/rfc822 part that could not be parsed as a message (a base64-encoded one, or one cut off by the
/// depth limit) is written as a basic part, since it has no envelope to give;</item>
/// <item>body-fld-lines counts a last line without a line break of its own (a part before a boundary usually ends
/// so, RFC 2046 §5.1.1 giving that CRLF to the delimiter); Dovecot counts line breaks, one fewer there.</item>
/// </list>
/// </summary>
internal static class BodyStructureWriter
{
    // Above this depth (far beyond the parser's own limit) the tree is written as a leaf, so a corrupt structure
    // cannot recurse without bound.
    private const int MaxDepth = 128;

    public static void Write(IBufferWriter<byte> output, MimeEntity entity, bool extended)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(entity);
        WriteBody(output, entity, extended, 0);
    }

    private static void WriteBody(IBufferWriter<byte> output, MimeEntity entity, bool extended, int depth)
    {
        ImapSyntax.WriteByte(output, (byte)'(');
        if (entity.Kind == MimeEntityKind.Multipart && depth < MaxDepth)
        {
            WriteMultipart(output, entity, extended, depth);
        }
        else
        {
            WriteSinglePart(output, entity, extended, depth);
        }

        ImapSyntax.WriteByte(output, (byte)')');
    }

    // body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]
    private static void WriteMultipart(IBufferWriter<byte> output, MimeEntity entity, bool extended, int depth)
    {
        if (entity.Children.Count == 0)
        {
            // RFC 3501 §9 asks for at least one body; Dovecot gives an empty text/plain part for a multipart without parts.
            ImapSyntax.WriteRaw(output, extended ? EmptyPartExtended : EmptyPart);
        }

        foreach (var child in entity.Children)
        {
            WriteBody(output, child, extended, depth + 1);
        }

        ImapSyntax.WriteByte(output, (byte)' ');
        ImapSyntax.WriteString(output, entity.ContentType.MediaSubtype);
        if (!extended)
        {
            return;
        }

        // body-ext-mpart = body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc]]]
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteParameters(output, entity.ContentType.Parameters);
        WriteExtensionTail(output, entity);
    }

    // body-type-basic / body-type-text / body-type-msg, then [SP body-ext-1part]
    private static void WriteSinglePart(IBufferWriter<byte> output, MimeEntity entity, bool extended, int depth)
    {
        var type = entity.ContentType;
        var isMessage = entity.EncapsulatedMessage is not null && type.IsEncapsulatedMessage && depth < MaxDepth;
        ImapSyntax.WriteString(output, isMessage || entity.Kind != MimeEntityKind.Multipart ? type.MediaType : "application");
        ImapSyntax.WriteByte(output, (byte)' ');
        ImapSyntax.WriteString(output, isMessage || entity.Kind != MimeEntityKind.Multipart ? type.MediaSubtype : "octet-stream");
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteFields(output, entity);
        if (isMessage)
        {
            var nested = entity.EncapsulatedMessage!;
            ImapSyntax.WriteByte(output, (byte)' ');
            EnvelopeWriter.Write(output, nested);
            ImapSyntax.WriteByte(output, (byte)' ');
            WriteBody(output, nested, extended, depth + 1);
            ImapSyntax.WriteByte(output, (byte)' ');
            ImapSyntax.WriteNumber(output, entity.BodyLineCount);
        }
        else if (type.IsText)
        {
            ImapSyntax.WriteByte(output, (byte)' ');
            ImapSyntax.WriteNumber(output, entity.BodyLineCount);
        }

        if (!extended)
        {
            return;
        }

        // body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc]]]
        ImapSyntax.WriteByte(output, (byte)' ');
        EnvelopeWriter.WriteText(output, entity.Headers.Find(HeaderNames.ContentMd5));
        WriteExtensionTail(output, entity);
    }

    // body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP body-fld-octets
    private static void WriteFields(IBufferWriter<byte> output, MimeEntity entity)
    {
        WriteParameters(output, entity.ContentType.Parameters, defaultCharset: entity.ContentType.IsText);
        ImapSyntax.WriteByte(output, (byte)' ');
        EnvelopeWriter.WriteText(output, entity.Headers.Find(HeaderNames.ContentId));
        ImapSyntax.WriteByte(output, (byte)' ');
        EnvelopeWriter.WriteText(output, entity.Headers.Find(HeaderNames.ContentDescription));
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteEncoding(output, entity);
        ImapSyntax.WriteByte(output, (byte)' ');
        ImapSyntax.WriteNumber(output, Math.Max(0, entity.BodyLength));
    }

    // body-fld-enc is a string: the mechanism token as written (a trailing comment dropped, RFC 2045 §6.1 allows
    // CFWS), or "7bit", the RFC 2045 §6.1 default, when there is none.
    private static void WriteEncoding(IBufferWriter<byte> output, MimeEntity entity)
    {
        var header = entity.Headers.Find(HeaderNames.ContentTransferEncoding);
        var raw = header is null ? default : header.RawValue.Span.TrimStart(" \t\r\n"u8);
        var end = raw.IndexOfAny(" \t\r\n("u8);
        var token = end < 0 ? raw : raw[..end];
        if (token.IsEmpty)
        {
            ImapSyntax.WriteRaw(output, "\"7bit\""u8);
            return;
        }

        ImapSyntax.WriteNStringBytes(output, token);
    }

    // SP body-fld-dsp SP body-fld-lang SP body-fld-loc, shared by both extension forms.
    private static void WriteExtensionTail(IBufferWriter<byte> output, MimeEntity entity)
    {
        ImapSyntax.WriteByte(output, (byte)' ');
        if (entity.ContentDisposition is { } disposition)
        {
            ImapSyntax.WriteByte(output, (byte)'(');
            ImapSyntax.WriteString(output, disposition.Disposition);
            ImapSyntax.WriteByte(output, (byte)' ');
            WriteParameters(output, disposition.Parameters);
            ImapSyntax.WriteByte(output, (byte)')');
        }
        else
        {
            ImapSyntax.WriteNil(output);
        }

        ImapSyntax.WriteByte(output, (byte)' ');
        var languages = entity.ContentLanguage;
        if (languages.Count == 0)
        {
            ImapSyntax.WriteNil(output);
        }
        else
        {
            ImapSyntax.WriteByte(output, (byte)'(');
            for (var i = 0; i < languages.Count; i++)
            {
                if (i > 0)
                {
                    ImapSyntax.WriteByte(output, (byte)' ');
                }

                ImapSyntax.WriteString(output, languages[i]);
            }

            ImapSyntax.WriteByte(output, (byte)')');
        }

        ImapSyntax.WriteByte(output, (byte)' ');
        EnvelopeWriter.WriteText(output, entity.Headers.Find(HeaderNames.ContentLocation));
    }

    // body-fld-param = "(" string SP string *(SP string SP string) ")" / nil. A text part without a charset gets
    // the RFC 2045 §5.2 default last, as Dovecot gives it, so clients need not know the default.
    private static void WriteParameters(IBufferWriter<byte> output, ParameterList parameters, bool defaultCharset = false)
    {
        defaultCharset &= parameters["charset"] is null;
        if (parameters.Count == 0 && !defaultCharset)
        {
            ImapSyntax.WriteNil(output);
            return;
        }

        ImapSyntax.WriteByte(output, (byte)'(');
        for (var i = 0; i < parameters.Count; i++)
        {
            if (i > 0)
            {
                ImapSyntax.WriteByte(output, (byte)' ');
            }

            ImapSyntax.WriteString(output, parameters[i].Name);
            ImapSyntax.WriteByte(output, (byte)' ');
            ParameterValueWriter.Write(output, parameters[i].Value);
        }

        if (defaultCharset)
        {
            ImapSyntax.WriteRaw(output, parameters.Count == 0 ? "\"charset\" \"us-ascii\""u8 : " \"charset\" \"us-ascii\""u8);
        }

        ImapSyntax.WriteByte(output, (byte)')');
    }

    private static ReadOnlySpan<byte> EmptyPart => "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)"u8;

    private static ReadOnlySpan<byte> EmptyPartExtended => "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)"u8;
}
