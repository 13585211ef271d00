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

    public ContentDisposition? ContentDisposition { get; internal set; }

    public ContentEncoding ContentTransferEncoding { get; internal set; }

    public string? ContentId { get; internal set; }

    public string? ContentDescription { get; internal set; }

    public string? ContentLocation { get; internal set; }

    public string? ContentMd5 { get; internal set; }

    public IReadOnlyList<string> ContentLanguage { get; internal set; } = [];

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

    public override string ToString() => $"{ContentType.MimeType} [{HeaderOffset}, {BodyOffset}, {EndOffset})";
}
