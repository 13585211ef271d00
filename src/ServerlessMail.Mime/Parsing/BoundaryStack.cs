namespace ServerlessMail.Mime;

/// <summary>The boundaries of the multiparts that enclose the current position, innermost last.</summary>
internal sealed class BoundaryStack
{
    // RFC 2046 §5.1.1 allows transport padding after a delimiter; we look this far for the line break.
    private const int MaxPadding = 128;

    private readonly List<byte[]> _boundaries = [];

    public BoundaryStack(int maxBoundaryLength)
    {
        // The line break before the delimiter, "--", the boundary, "--", padding, and the line break after it.
        Lookahead = 2 + 2 + maxBoundaryLength + 2 + MaxPadding + 2;
    }

    public int Count => _boundaries.Count;

    /// <summary>How many bytes from a line start a match may need to see.</summary>
    public int Lookahead { get; }

    /// <summary>Boundary comparisons performed, for the robustness tests that bound work by counting it.</summary>
    public long Comparisons { get; private set; }

    public void Push(byte[] boundary) => _boundaries.Add(boundary);

    public void Pop() => _boundaries.RemoveAt(_boundaries.Count - 1);

    /// <summary>
    /// Matches a delimiter line: <paramref name="line"/> starts at the line start and holds the lookahead.
    /// The innermost boundary is tried first; since a match needs the whole boundary followed only by an optional
    /// "--", padding and a line break, boundaries that share a prefix (<c>b</c> and <c>b-1</c>) never shadow each other.
    /// </summary>
    public BoundaryMatch Match(ReadOnlySpan<byte> line, bool inputComplete)
    {
        if (line.Length < 2 || line[0] != (byte)'-' || line[1] != (byte)'-')
        {
            return default;
        }

        var text = line[2..];
        for (var level = _boundaries.Count - 1; level >= 0; level--)
        {
            var boundary = _boundaries[level];
            Comparisons++;
            if (!text.StartsWith(boundary))
            {
                continue;
            }

            var rest = text[boundary.Length..];
            var close = rest.Length >= 2 && rest[0] == (byte)'-' && rest[1] == (byte)'-';
            if (close)
            {
                rest = rest[2..];
            }

            var padding = rest.IndexOfAnyExcept((byte)' ', (byte)'\t');
            if (padding < 0)
            {
                // Only padding up to the end of what we can see: a delimiter only if the input ends here.
                if (!inputComplete)
                {
                    continue;
                }

                padding = rest.Length;
            }
            else if (rest[padding] is not ((byte)'\r' or (byte)'\n'))
            {
                continue;
            }

            var length = 2 + boundary.Length + (close ? 2 : 0) + padding;
            return new BoundaryMatch(level, close, length);
        }

        return default;
    }
}

/// <summary>A delimiter found at a line start: which multipart level it closes or separates, and its length without the line break.</summary>
internal readonly record struct BoundaryMatch(int Level, bool IsClose, int Length)
{
    public bool Success => Length > 0;
}
