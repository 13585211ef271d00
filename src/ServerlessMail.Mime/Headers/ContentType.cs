namespace ServerlessMail.Mime;

/// <summary>A parsed Content-Type (RFC 2045 §5). Type and subtype are lower-cased.</summary>
public sealed class ContentType
{
    public ContentType(string mediaType, string mediaSubtype, ParameterList? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        ArgumentException.ThrowIfNullOrEmpty(mediaSubtype);
        MediaType = mediaType.ToLowerInvariant();
        MediaSubtype = mediaSubtype.ToLowerInvariant();
        Parameters = parameters ?? ParameterList.Empty;
    }

    /// <summary><c>text/plain; charset=us-ascii</c>, the default of RFC 2045 §5.2.</summary>
    public static ContentType Default { get; } = new("text", "plain", new ParameterList([new Parameter("charset", "us-ascii")]));

    /// <summary><c>message/rfc822</c>, the default inside <c>multipart/digest</c> (RFC 2046 §5.1.5).</summary>
    public static ContentType MessageRfc822 { get; } = new("message", "rfc822");

    public string MediaType { get; }

    public string MediaSubtype { get; }

    public ParameterList Parameters { get; }

    /// <summary><c>type/subtype</c>.</summary>
    public string MimeType => MediaType + "/" + MediaSubtype;

    public string? Charset => Parameters["charset"];

    public string? Boundary => Parameters["boundary"];

    /// <summary>The legacy <c>name</c> parameter, a filename fallback when Content-Disposition has none.</summary>
    public string? Name => Parameters["name"];

    public bool IsMultipart => MediaType == "multipart";

    public bool IsText => MediaType == "text";

    /// <summary>True for the types parsed as encapsulated messages: <c>message/rfc822</c> and <c>message/global</c> (RFC 6532 §3.7).</summary>
    public bool IsEncapsulatedMessage => MediaType == "message" && MediaSubtype is "rfc822" or "global";

    public bool Is(string mediaType, string mediaSubtype) =>
        string.Equals(MediaType, mediaType, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(MediaSubtype, mediaSubtype, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => MimeType;
}
