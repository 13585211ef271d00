namespace ServerlessMail.Mime;

/// <summary>
/// One entity of a parsed message, with the byte offsets that let a server answer IMAP
/// <c>BODY[n]</c>, <c>BODY[n.MIME]</c>, <c>BODY[n.HEADER]</c> and <c>BODY[n.TEXT]</c> as ranged reads (RFC 3501 §6.4.5).
/// Offsets are absolute in the raw message. The line break before a boundary delimiter belongs to the delimiter
/// (RFC 2046 §5.1.1), so <see cref="EndOffset"/> excludes it.
/// </summary>
public sealed class MimeEntity
{
    private static readonly IReadOnlyList<MimeEntity> NoChildren = [];

    // Computed on first use: structure-only parsing pays for none of these.
    private ContentDisposition? _disposition;
    private bool _dispositionParsed;
    private string? _contentId;
    private bool _contentIdParsed;

    internal MimeEntity(MimeEntity? parent, long headerOffset)
    {
        Parent = parent;
        HeaderOffset = headerOffset;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    public MimeEntity? Parent { get; }

    /// <summary>0 for the top-level message; each multipart or encapsulated message adds one.</summary>
    public int Depth { get; }

    public MimeEntityKind Kind { get; internal set; }

    public HeaderList Headers { get; internal set; } = HeaderList.Empty;

    public ContentType ContentType { get; internal set; } = ContentType.Default;

    /// <summary>True when the entity had no Content-Type header and <see cref="ContentType"/> is the context default.</summary>
    public bool HasDefaultContentType { get; internal set; } = true;

    public ContentEncoding ContentTransferEncoding { get; internal set; }

    /// <summary>The parsed Content-Disposition (RFC 2183), or null when there is none or it is unreadable.</summary>
    public ContentDisposition? ContentDisposition
    {
        get
        {
            if (!_dispositionParsed)
            {
                _disposition = ParseDisposition();
                _dispositionParsed = true;
            }

            return _disposition;
        }
    }

    /// <summary>The Content-ID without its angle brackets.</summary>
    public string? ContentId
    {
        get
        {
            if (!_contentIdParsed)
            {
                _contentId = ParseContentId();
                _contentIdParsed = true;
            }

            return _contentId;
        }
    }

    /// <summary>The Content-Description, RFC 2047 words decoded.</summary>
    public string? ContentDescription => Headers.Find(HeaderNames.ContentDescription)?.DecodedValue;

    public string? ContentLocation => Headers.Find(HeaderNames.ContentLocation)?.Value;

    public string? ContentMd5 => Headers.Find(HeaderNames.ContentMd5)?.Value;

    /// <summary>The Content-Language tags (RFC 3282), in order.</summary>
    public IReadOnlyList<string> ContentLanguage =>
        Headers.Find(HeaderNames.ContentLanguage)?.Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>Where the header block starts.</summary>
    public long HeaderOffset { get; }

    /// <summary>Where the body starts: after the empty line that ends the header block.</summary>
    public long BodyOffset { get; internal set; }

    /// <summary>Where the body ends (exclusive).</summary>
    public long EndOffset { get; internal set; }

    /// <summary>The header block, including the empty line that ends it.</summary>
    public ByteRange HeaderRange => new(HeaderOffset, BodyOffset - HeaderOffset);

    public ByteRange BodyRange => new(BodyOffset, EndOffset - BodyOffset);

    public long BodyLength => EndOffset - BodyOffset;

    /// <summary>The number of text lines in the body (a final line without a line break counts).</summary>
    public long BodyLineCount { get; internal set; }

    /// <summary>The parts of a multipart, in order; empty otherwise.</summary>
    public IReadOnlyList<MimeEntity> Children { get; internal set; } = NoChildren;

    /// <summary>The nested message of a <c>message/rfc822</c> or <c>message/global</c> entity; null otherwise.</summary>
    public MimeEntity? EncapsulatedMessage { get; internal set; }

    /// <summary>The text before a multipart's first delimiter, when there is any.</summary>
    public ByteRange? Preamble { get; internal set; }

    /// <summary>The text after a multipart's close delimiter, when there is any.</summary>
    public ByteRange? Epilogue { get; internal set; }

    public MimeDefects Defects { get; internal set; }

    public bool IsAttachment => ContentDisposition?.IsAttachment == true;

    /// <summary>This entity and every entity below it, depth first, in document order.</summary>
    public IEnumerable<MimeEntity> Descendants()
    {
        var stack = new Stack<MimeEntity>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var entity = stack.Pop();
            yield return entity;
            if (entity.EncapsulatedMessage is { } nested)
            {
                stack.Push(nested);
            }

            for (var i = entity.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(entity.Children[i]);
            }
        }
    }

    private ContentDisposition? ParseDisposition()
    {
        var header = Headers.Find(HeaderNames.ContentDisposition);
        if (header is null)
        {
            return null;
        }

        var disposition = ContentDisposition.Parse(header.RawValue.Span);
        return disposition.IsValid ? disposition : null;
    }

    private string? ParseContentId()
    {
        var header = Headers.Find(HeaderNames.ContentId);
        if (header is null)
        {
            return null;
        }

        // Content-ID is a msg-id (RFC 2045 §7); broken mailers omit the brackets, so fall back to the bare value.
        var id = MessageIds.ParseFirst(header.RawValue.Span);
        return id ?? (header.Value.Length > 0 ? header.Value.Trim('<', '>', ' ') : null);
    }

    public override string ToString() => $"{ContentType.MimeType} [{HeaderOffset}, {BodyOffset}, {EndOffset})";
}
