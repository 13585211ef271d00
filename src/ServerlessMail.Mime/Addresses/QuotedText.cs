namespace ServerlessMail.Mime;

/// <summary>The content of an RFC 5322 quoted-string or comment, for readers that tokenize headers themselves (IMAP ENVELOPE).</summary>
public static class QuotedText
{
    /// <summary>
    /// Resolves quoted-pairs (RFC 5322 §3.2.1) and unfolds (drops CR and LF) into <paramref name="destination"/>, which
    /// must be at least as long as <paramref name="content"/>; returns the bytes written.
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> content, Span<byte> destination)
    {
        var length = 0;
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            if (b == (byte)'\\' && i + 1 < content.Length)
            {
                b = content[++i];
            }
            else if (b is (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            destination[length++] = b;
        }

        return length;
    }
}
