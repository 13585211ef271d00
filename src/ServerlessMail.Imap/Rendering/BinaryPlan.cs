using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Rendering;

/// <summary>
/// Where a BINARY section's bytes are in the raw message and what must be undone to them (RFC 3516 §4.2).
/// <see cref="Encoding"/> is the leaf's Content-Transfer-Encoding; a multipart, a message part and the whole message
/// carry none to undo (RFC 2045 §6.4), so they are <see cref="ContentEncoding.Binary"/>, sent as stored.
/// <see cref="Text"/> marks a text leaf whose line ends go out as CRLF (§4.3). A part that does not exist is answered
/// like BODY's: an empty string, size 0.
/// </summary>
internal readonly record struct BinaryPlan(bool Exists, long Offset, long Length, ContentEncoding Encoding, bool Text)
{
    public static BinaryPlan Missing { get; } = new(false, 0, 0, ContentEncoding.Binary, false);

    /// <summary>RFC 3516 §4.3: a CTE the server cannot undo fails the FETCH with NO [UNKNOWN-CTE].</summary>
    public bool UnknownEncoding => Exists && Encoding == ContentEncoding.Unknown;

    /// <summary>The octets sent are the stored ones, so their count is <see cref="Length"/> and a partial is a ranged read.</summary>
    public bool Identity => !Text && ContentEncodings.CreateDecoder(Encoding) is null;
}
