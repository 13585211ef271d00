namespace ServerlessMail.Mime;

/// <summary>
/// The source of one Content-Type or Content-Disposition value, with the one piece of state the scanners share:
/// where a comment was found that never closes. Positions are passed in and out explicitly.
/// </summary>
internal ref struct ParameterReader
{
    private int _unclosedCommentAt;

    public ParameterReader(ReadOnlySpan<byte> source)
    {
        Source = source;
        _unclosedCommentAt = int.MaxValue;
    }

    public ReadOnlySpan<byte> Source { get; }

    /// <summary>Skips folding white space and comments (RFC 5322 §3.2.2). An unclosed '(' is not skipped.</summary>
    public int SkipCfws(int pos)
    {
        var s = Source;
        while (pos < s.Length)
        {
            if (ParameterSyntax.IsWhite(s[pos]))
            {
                pos++;
            }
            else if (s[pos] == (byte)'(' && TryEndComment(pos, out var end))
            {
                pos = end;
            }
            else
            {
                break;
            }
        }

        return pos;
    }

    /// <summary>
    /// Finds the end of the comment opening at <paramref name="pos"/>. Comments nest and honour quoted-pairs
    /// (RFC 5322 §3.2.2). A comment that never closes is reported as no comment, so a stray parenthesis in an unquoted
    /// value (<c>name=file(1.pdf</c>) does not swallow the rest of the field. Once one has failed, later ones are not
    /// tried either: that keeps a field full of '(' linear instead of quadratic.
    /// </summary>
    public bool TryEndComment(int pos, out int end)
    {
        end = pos;
        if (pos >= _unclosedCommentAt)
        {
            return false;
        }

        var s = Source;
        var depth = 0;
        for (var i = pos; i < s.Length; i++)
        {
            switch (s[i])
            {
                case (byte)'\\':
                    i++;
                    break;
                case (byte)'(':
                    depth++;
                    break;
                case (byte)')':
                    if (--depth == 0)
                    {
                        end = i + 1;
                        return true;
                    }

                    break;
            }
        }

        _unclosedCommentAt = pos;
        return false;
    }
}
