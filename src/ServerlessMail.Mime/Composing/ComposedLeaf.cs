namespace ServerlessMail.Mime;

/// <summary>A part with content: a text body, an attachment, an inline resource or an attached message.</summary>
internal sealed class ComposedLeaf : ComposedEntity
{
    private const int ChunkSize = 57 * 1024;

    private readonly IReadOnlyList<KeyValuePair<string, string>> _parameters;
    private ContentEncoding _encoding;

    private ComposedLeaf(string mimeType, IReadOnlyList<KeyValuePair<string, string>> parameters, ReadOnlyMemory<byte> content, string? disposition, string? fileName, string? contentId)
    {
        MimeType = mimeType;
        _parameters = parameters;
        Content = content;
        Disposition = disposition;
        FileName = fileName;
        ContentId = contentId;
    }

    public string MimeType { get; }

    public ReadOnlyMemory<byte> Content { get; }

    public string? Disposition { get; }

    public string? FileName { get; }

    public string? ContentId { get; }

    private bool IsText => MimeType.StartsWith("text/", StringComparison.Ordinal) && Disposition is null;

    private bool IsMessage => MimeType == "message/rfc822";

    /// <summary>A text body in UTF-8, its line breaks made CRLF and ending in CRLF.</summary>
    public static ComposedLeaf ForText(string subtype, string text) =>
        new("text/" + subtype, [new("charset", "utf-8")], LineBreaks.ToCrlfUtf8(text, terminate: true), null, null, null);

    public static ComposedLeaf ForContent(MediaTypeSpec type, ReadOnlyMemory<byte> content, string disposition, string fileName, string? contentId)
    {
        // An attached message travels unencoded (RFC 2046 §5.2.1), so its line breaks must already be CRLF.
        var stored = type.IsMessage ? LineBreaks.ToCrlf(content.Span, terminate: true) : content;
        return new ComposedLeaf(type.MimeType, type.Parameters, stored, disposition, fileName, contentId);
    }

    public override void Prepare(MessageFormatOptions options, HashSet<string> boundaries)
    {
        if (IsText)
        {
            _encoding = LineBreaks.Measure(Content.Span).Choose(options.AllowEightBit);
        }
        else if (IsMessage)
        {
            // RFC 2046 §5.2.1 allows only 7bit, 8bit or binary here. A message that needs more than the transport
            // offers is base64-encoded instead: a violation readers tolerate, where 8-bit octets on a 7-bit
            // transport would be corrupted.
            var shape = LineBreaks.Measure(Content.Span);
            _encoding = shape.NeedsEncoding || (shape.EightBit && !options.AllowEightBit)
                ? ContentEncoding.Base64
                : shape.EightBit ? ContentEncoding.EightBit : ContentEncoding.SevenBit;
        }
        else
        {
            _encoding = ContentEncoding.Base64;
        }
    }

    public override void AddHeaders(List<string> fields, bool allowUtf8)
    {
        var contentType = new HeaderFolder("Content-Type");
        contentType.Append(" ", MimeType);
        foreach (var (attribute, value) in _parameters)
        {
            ParameterWriter.Write(contentType, attribute, value);
        }

        if (FileName is not null)
        {
            ParameterWriter.WriteEncodedWords(contentType, "name", FileName, allowUtf8);
        }

        fields.Add(contentType.Complete());

        var encoding = new HeaderFolder("Content-Transfer-Encoding");
        encoding.Append(" ", _encoding switch
        {
            ContentEncoding.Base64 => "base64",
            ContentEncoding.QuotedPrintable => "quoted-printable",
            ContentEncoding.EightBit => "8bit",
            _ => "7bit",
        });
        fields.Add(encoding.Complete());

        if (Disposition is not null)
        {
            var disposition = new HeaderFolder("Content-Disposition");
            disposition.Append(" ", Disposition);
            if (FileName is not null)
            {
                ParameterWriter.WriteExtended(disposition, "filename", FileName, allowUtf8);
            }

            fields.Add(disposition.Complete());
        }

        if (ContentId is not null)
        {
            var id = new HeaderFolder("Content-ID");
            HeaderComposer.WriteIds(id, [ContentId]);
            fields.Add(id.Complete());
        }
    }

    public override void WriteBody(Stream stream, bool allowUtf8)
    {
        switch (_encoding)
        {
            case ContentEncoding.QuotedPrintable:
                stream.Write(QuotedPrintableEncoder.Encode(Content.Span));
                break;
            case ContentEncoding.Base64:
                WriteBase64(stream);
                break;
            default:
                stream.Write(Content.Span);
                break;
        }
    }

    public override bool RawContentContains(ReadOnlySpan<byte> delimiter) =>
        _encoding is ContentEncoding.SevenBit or ContentEncoding.EightBit && Content.Span.IndexOf(delimiter) >= 0;

    private void WriteBase64(Stream stream)
    {
        var encoder = new Base64Encoder();
        var buffer = new byte[Base64Encoder.GetMaxEncodedLength(ChunkSize) + 8];
        var content = Content;
        while (!content.IsEmpty)
        {
            var take = Math.Min(ChunkSize, content.Length);
            stream.Write(buffer, 0, encoder.Encode(content.Span[..take], buffer));
            content = content[take..];
        }

        stream.Write(buffer, 0, encoder.Flush(buffer));
    }
}
