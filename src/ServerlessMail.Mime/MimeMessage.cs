namespace ServerlessMail.Mime;

/// <summary>
/// A parsed message: the entity tree with offsets, plus the source its content can be read from.
/// The convenience views (addresses, text, attachments) are computed from the tree on demand.
/// </summary>
public sealed partial class MimeMessage
{
    internal MimeMessage(MimeEntity root, IMimeSource? source, long length)
    {
        Root = root;
        Source = source;
        Length = length;
    }

    /// <summary>The top-level entity; its headers are the message's RFC 5322 header.</summary>
    public MimeEntity Root { get; }

    public HeaderList Headers => Root.Headers;

    /// <summary>Where content is read from; null when the message was parsed from a stream that cannot seek.</summary>
    public IMimeSource? Source { get; }

    /// <summary>The size of the raw message in octets.</summary>
    public long Length { get; }
}
