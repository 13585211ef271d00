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

    /// <summary><c>inline</c>, <c>attachment</c>, or another token as written (lower-cased).</summary>
    public string Disposition { get; }

    public ParameterList Parameters { get; }

    /// <summary>The decoded <c>filename</c> parameter (RFC 2231 and RFC 2047 forms are decoded).</summary>
    public string? FileName => Parameters["filename"];

    public bool IsAttachment => Disposition == "attachment";

    public bool IsInline => Disposition == "inline";

    public override string ToString() => Disposition;
}
