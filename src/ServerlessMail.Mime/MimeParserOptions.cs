namespace ServerlessMail.Mime;

/// <summary>
/// Every limit the parser applies, in one place. Past a limit the parser degrades instead of failing:
/// a part that would be too deep or too many becomes a leaf, and header bytes past the cap are skipped.
/// </summary>
public sealed class MimeParserOptions
{
    public static MimeParserOptions Default { get; } = new();

    /// <summary>How deep multiparts and encapsulated messages may nest. A deeper entity is parsed as a leaf.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>How many entities one message may have in all. The part that would exceed it becomes a leaf.</summary>
    public int MaxParts { get; init; } = 10_000;

    /// <summary>How many header octets one entity keeps. Further fields are skipped, but their octets still count in the offsets.</summary>
    public int MaxHeaderBytes { get; init; } = 256 * 1024;

    /// <summary>How many header fields one entity keeps.</summary>
    public int MaxHeaders { get; init; } = 2_000;

    /// <summary>
    /// The longest boundary recognised. RFC 2046 §5.1.1 allows 70, but real mail is sometimes longer; 994 is what
    /// fits a close delimiter on a 998-octet line (RFC 5322 §2.1.1).
    /// </summary>
    public int MaxBoundaryLength { get; init; } = 994;

    /// <summary>The read buffer for stream input. It is the parser's working memory; it never grows past this.</summary>
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>Parse <c>message/rfc822</c> and <c>message/global</c> bodies as nested messages.</summary>
    public bool ParseEncapsulatedMessages { get; init; } = true;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxDepth);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParts, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxHeaderBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxHeaders);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBoundaryLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BufferSize, 4 * (MaxBoundaryLength + 16));
    }
}
