namespace ServerlessMail.Mime;

/// <summary>
/// A content type given to the builder: <c>type/subtype</c> with optional <c>; attribute=value</c> parameters
/// (RFC 2045 §5.1), checked strictly because it is written back out verbatim.
/// </summary>
internal sealed class MediaTypeSpec
{
    private MediaTypeSpec(string type, string subtype, List<KeyValuePair<string, string>> parameters)
    {
        Type = type;
        Subtype = subtype;
        Parameters = parameters;
    }

    public string Type { get; }

    public string Subtype { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    public string MimeType => Type + "/" + Subtype;

    public bool IsMessage => Type == "message" && Subtype == "rfc822";

    public static MediaTypeSpec Parse(string? contentType, string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType, field);
        ComposeGuard.CheckText(contentType, field);
        var pieces = Split(contentType, field);
        var slash = pieces[0].IndexOf('/', StringComparison.Ordinal);
        var type = slash < 0 ? string.Empty : pieces[0][..slash].Trim().ToLowerInvariant();
        var subtype = slash < 0 ? string.Empty : pieces[0][(slash + 1)..].Trim().ToLowerInvariant();
        if (!ParameterWriter.IsToken(type) || !ParameterWriter.IsToken(subtype))
        {
            throw new ArgumentException($"{field} '{contentType}' is not a type/subtype pair (RFC 2045 §5.1).", field);
        }

        if (type == "multipart" || (type == "message" && subtype is "partial" or "external-body"))
        {
            // RFC 2045 §6.4 and RFC 2046 §5.2.2, §5.2.3: these may not be base64, and the builder does not build them
            // from bytes. message/rfc822 is written raw (see ComposedLeaf); other message types are plain content.
            throw new ArgumentException($"{field} '{type}/{subtype}' cannot be attached as content.", field);
        }

        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var piece in pieces.Skip(1))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            var attribute = equals < 0 ? string.Empty : piece[..equals].Trim().ToLowerInvariant();
            var value = equals < 0 ? string.Empty : piece[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            {
                value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }

            if (!ParameterWriter.IsToken(attribute) || attribute.Contains('*', StringComparison.Ordinal) ||
                value.Any(c => c is < ' ' or >= '\x7f'))
            {
                throw new ArgumentException($"{field} '{contentType}' has an invalid parameter '{piece.Trim()}'.", field);
            }

            // The builder writes these itself from the file name.
            if (attribute is not ("name" or "boundary"))
            {
                parameters.Add(new(attribute, value));
            }
        }

        return new MediaTypeSpec(type, subtype, parameters);
    }

    // Splits at semicolons outside quoted strings.
    private static List<string> Split(string text, string field)
    {
        var pieces = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (quoted && text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == ';' && !quoted)
            {
                pieces.Add(text[start..i]);
                start = i + 1;
            }
        }

        if (quoted)
        {
            throw new ArgumentException($"{field} '{text}' has an unterminated quoted string.", field);
        }

        pieces.Add(text[start..]);
        return pieces.Where((piece, index) => index == 0 || piece.Trim().Length > 0).ToList();
    }
}
