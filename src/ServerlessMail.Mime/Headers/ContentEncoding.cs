namespace ServerlessMail.Mime;

/// <summary>The Content-Transfer-Encoding of an entity (RFC 2045 §6).</summary>
public enum ContentEncoding
{
    /// <summary>No Content-Transfer-Encoding header: 7bit by RFC 2045 §6.1.</summary>
    Default,
    SevenBit,
    EightBit,
    Binary,
    Base64,
    QuotedPrintable,
    UUEncode,

    /// <summary>A value we do not know; the body is treated as opaque bytes.</summary>
    Unknown,
}
