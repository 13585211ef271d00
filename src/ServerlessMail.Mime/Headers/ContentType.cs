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

    // For the parser: type and subtype are already lower-cased (and mostly shared strings).
    private ContentType(string mediaType, string mediaSubtype, ParameterList parameters, bool isValid)
    {
        MediaType = mediaType;
        MediaSubtype = mediaSubtype;
        Parameters = parameters;
        IsValid = isValid;
    }

    /// <summary><c>text/plain; charset=us-ascii</c>, the default of RFC 2045 §5.2.</summary>
    public static ContentType Default { get; } = new("text", "plain", new ParameterList([new Parameter("charset", "us-ascii")]));

    /// <summary><c>message/rfc822</c>, the default inside <c>multipart/digest</c> (RFC 2046 §5.1.5).</summary>
    public static ContentType MessageRfc822 { get; } = new("message", "rfc822");

    public string MediaType { get; }

    public string MediaSubtype { get; }

    public ParameterList Parameters { get; }

    /// <summary>
    /// False when the field was not a syntactically valid <c>type/subtype</c>. The media type is then a repair
    /// (<c>text</c> alone becomes text/plain, <c>multipart</c> alone multipart/mixed) or the RFC 2045 §5.2 default,
    /// text/plain; parameters that could be read are kept either way.
    /// </summary>
    public bool IsValid { get; } = true;

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

    /// <summary>
    /// Parses a Content-Type value: the octets after the colon, folds, comments and raw UTF-8 included. Never throws.
    /// Type and subtype are lower-cased; parameters follow <see cref="ParameterList"/>'s rules, and the
    /// <c>boundary</c> comes back octet for octet (each char is one octet, Latin-1), never decoded.
    /// </summary>
    public static ContentType Parse(ReadOnlySpan<byte> raw)
    {
        var reader = new ParameterReader(raw);
        var start = reader.SkipCfws(0);
        var typeEnd = ParameterSyntax.ScanToken(raw, start);
        if (typeEnd > start)
        {
            var next = reader.SkipCfws(typeEnd);
            if (next < raw.Length && raw[next] == (byte)'/')
            {
                var type = ParameterSyntax.LowerToken(raw[start..typeEnd]);
                var subtypeStart = reader.SkipCfws(next + 1);
                var subtypeEnd = ParameterSyntax.ScanToken(raw, subtypeStart);
                return subtypeEnd > subtypeStart
                    ? new ContentType(type, ParameterSyntax.LowerToken(raw[subtypeStart..subtypeEnd]), ParameterParser.Parse(ref reader, subtypeEnd), isValid: true)
                    : Repair(type, ParameterParser.Parse(ref reader, subtypeStart));
            }

            // "charset=utf-8" alone: the first token is a parameter name, not a type.
            if (next >= raw.Length || raw[next] != (byte)'=')
            {
                return Repair(ParameterSyntax.LowerToken(raw[start..typeEnd]), ParameterParser.Parse(ref reader, typeEnd));
            }
        }

        return Invalid(ParameterParser.Parse(ref reader, start));
    }

    // RFC 2045 §5.1 makes the subtype mandatory. "text" alone is still text and "multipart" alone still has parts
    // (RFC 2046 §5.1.3 reads an unknown multipart subtype as mixed); anything else gets the default.
    private static ContentType Repair(string mediaType, ParameterList parameters) => mediaType switch
    {
        "text" => new ContentType("text", "plain", parameters, isValid: false),
        "multipart" => new ContentType("multipart", "mixed", parameters, isValid: false),
        _ => Invalid(parameters),
    };

    // RFC 2045 §5.2 recommends text/plain; charset=us-ascii for a syntactically invalid field. Readable parameters
    // are kept, because a stated charset is a better guess for the body than us-ascii.
    private static ContentType Invalid(ParameterList parameters) =>
        new("text", "plain", parameters.Count == 0 ? Default.Parameters : parameters, isValid: false);

    public override string ToString() => MimeType;
}
