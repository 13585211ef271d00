namespace ServerlessMail.Mime;

/// <summary>What was wrong with an entity. Parsing never fails on malformed mail; it records what it tolerated here.</summary>
[Flags]
public enum MimeDefects
{
    None = 0,

    /// <summary>A multipart ended without its close delimiter (RFC 2046 §5.1.1).</summary>
    MissingCloseBoundary = 1 << 0,

    /// <summary>A multipart had no usable boundary parameter and was parsed as a leaf.</summary>
    MissingBoundary = 1 << 1,

    /// <summary>The entity would have nested deeper than <see cref="MimeParserOptions.MaxDepth"/>; it is a leaf.</summary>
    TooDeep = 1 << 2,

    /// <summary>The message reached <see cref="MimeParserOptions.MaxParts"/>; this entity is a leaf holding the rest.</summary>
    TooManyParts = 1 << 3,

    /// <summary>Header octets or fields past the limits were skipped.</summary>
    HeadersTruncated = 1 << 4,

    /// <summary>The header block ended at end of input, at a boundary or at body text, not at an empty line.</summary>
    UnterminatedHeaders = 1 << 5,

    /// <summary>A header line had no colon.</summary>
    InvalidHeaderLine = 1 << 6,

    /// <summary>An encapsulated message was transfer-encoded (base64 or quoted-printable) and was kept as a leaf.</summary>
    EncodedEncapsulatedMessage = 1 << 7,
}
