namespace ServerlessMail.Mime;

/// <summary>A parsed Content-Disposition (RFC 2183). The disposition type is lower-cased.</summary>
public sealed class ContentDisposition
{
    public ContentDisposition(string disposition, ParameterList? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(disposition);
        Disposition = disposition.ToLowerInvariant();
        Parameters = parameters ?? ParameterList.Empty;
    }

    // For the parser: the disposition is already lower-cased.
    private ContentDisposition(string disposition, ParameterList parameters, bool isValid)
    {
        Disposition = disposition;
        Parameters = parameters;
        IsValid = isValid;
    }

    /// <summary><c>inline</c>, <c>attachment</c>, or another token as written (lower-cased).</summary>
    public string Disposition { get; }

    public ParameterList Parameters { get; }

    /// <summary>
    /// False when the field had no disposition token (empty, garbage, or parameters only). <see cref="Disposition"/>
    /// is then <c>attachment</c>, as RFC 2183 §2.8 asks for an unrecognised disposition; readable parameters are kept.
    /// </summary>
    public bool IsValid { get; } = true;

    /// <summary>The decoded <c>filename</c> parameter (RFC 2231 and RFC 2047 forms are decoded).</summary>
    public string? FileName => Parameters["filename"];

    public bool IsAttachment => Disposition == "attachment";

    public bool IsInline => Disposition == "inline";

    /// <summary>
    /// Parses a Content-Disposition value: the octets after the colon, folds, comments and raw UTF-8 included.
    /// Never throws; see <see cref="IsValid"/>. Date parameters (RFC 2183 §2.4) are kept as text, not parsed.
    /// </summary>
    public static ContentDisposition Parse(ReadOnlySpan<byte> raw)
    {
        var reader = new ParameterReader(raw);
        var start = reader.SkipCfws(0);
        var end = ParameterSyntax.ScanToken(raw, start);
        if (end > start)
        {
            // "filename=x.pdf" alone: the first token is a parameter name, not a disposition.
            var next = reader.SkipCfws(end);
            if (next >= raw.Length || raw[next] != (byte)'=')
            {
                return new ContentDisposition(ParameterSyntax.LowerToken(raw[start..end]), ParameterParser.Parse(ref reader, end), isValid: true);
            }
        }

        return new ContentDisposition("attachment", ParameterParser.Parse(ref reader, start), isValid: false);
    }

    public override string ToString() => Disposition;
}
