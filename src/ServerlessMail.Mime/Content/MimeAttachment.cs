namespace ServerlessMail.Mime;

/// <summary>
/// A part that is not one of the message's text bodies: an attachment, an inline image, a calendar invite or a
/// forwarded message. Its id is its IMAP part number, stable for a stored message.
/// </summary>
public sealed class MimeAttachment
{
    private readonly IMimeSource? _source;

    internal MimeAttachment(MimeEntity entity, string partNumber, IMimeSource? source)
    {
        Entity = entity;
        Id = partNumber;
        _source = source;
        FileName = entity.ContentDisposition?.FileName ?? entity.ContentType.Name ?? NestedSubjectName(entity);
        SafeFileName = FileNames.Sanitize(FileName, "part-" + partNumber.Replace('.', '-'), entity.ContentType.MimeType);
    }

    public MimeEntity Entity { get; }

    /// <summary>The IMAP part number (RFC 3501 §6.4.5), e.g. <c>2</c> or <c>1.3</c>.</summary>
    public string Id { get; }

    /// <summary>The declared name, decoded (RFC 2231 / RFC 2047), exactly as the sender gave it; null when none.</summary>
    public string? FileName { get; }

    /// <summary>A name safe to create on disk (see <see cref="FileNames.Sanitize"/>).</summary>
    public string SafeFileName { get; }

    public string ContentType => Entity.ContentType.MimeType;

    /// <summary><c>inline</c> when the part says so or is referenced by Content-ID without a disposition; else <c>attachment</c>.</summary>
    public string Disposition => IsInline ? "inline" : "attachment";

    public bool IsInline => Entity.ContentDisposition is { } disposition
        ? disposition.IsInline
        : Entity.ContentId is not null && Entity.Parent?.ContentType.MediaSubtype == "related";

    public string? ContentId => Entity.ContentId;

    /// <summary>The size of the part as transmitted (before transfer decoding).</summary>
    public long EncodedSize => Entity.BodyLength;

    public byte[] GetContent() => Entity.Decode(RequireSource());

    public long CopyContentTo(Stream destination) => Entity.DecodeTo(RequireSource(), destination);

    private IMimeSource RequireSource() =>
        _source ?? throw new InvalidOperationException("The message was parsed from a stream that cannot seek; its content cannot be read back.");

    private static string? NestedSubjectName(MimeEntity entity)
    {
        // A forwarded message usually has no file name; its subject makes a better one than a part number.
        var subject = entity.EncapsulatedMessage?.Headers.Find(HeaderNames.Subject)?.DecodedValue;
        return string.IsNullOrWhiteSpace(subject) ? null : subject.Trim() + ".eml";
    }
}
