namespace ServerlessMail.Imap.Rendering;

internal enum EnvelopeTokenKind : byte
{
    Word,
    Quoted,
    Comment,
    Literal,
    Special,
}

/// <summary>One RFC 5322 §3.2 lexical token of an address field: its kind and its octets [Start, End).</summary>
internal readonly record struct EnvelopeToken(EnvelopeTokenKind Kind, int Start, int End);

/// <summary>
/// Splits a raw address field into tokens for ENVELOPE. It decodes nothing, so an encoded-word is a plain word and
/// can never become a special (RFC 2047 §5). Unclosed quotes, comments and literals run to the end: lenient, bounded.
/// </summary>
internal static class EnvelopeTokenizer
{
    /// <summary>Fills <paramref name="tokens"/>, which needs one slot per octet at most; returns the count.</summary>
    public static int Tokenize(ReadOnlySpan<byte> raw, Span<EnvelopeToken> tokens)
    {
        var count = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var b = raw[i];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                i++;
                continue;
            }

            var start = i;
            var kind = b switch
            {
                (byte)'"' => EnvelopeTokenKind.Quoted,
                (byte)'(' => EnvelopeTokenKind.Comment,
                (byte)'[' => EnvelopeTokenKind.Literal,
                _ when IsSpecial(b) => EnvelopeTokenKind.Special,
                _ => EnvelopeTokenKind.Word,
            };
            i = kind switch
            {
                EnvelopeTokenKind.Quoted => SkipDelimited(raw, i, (byte)'"', (byte)'"'),
                EnvelopeTokenKind.Comment => SkipDelimited(raw, i, (byte)'(', (byte)')'),
                EnvelopeTokenKind.Literal => SkipDelimited(raw, i, (byte)'[', (byte)']'),
                EnvelopeTokenKind.Special => i + 1,
                _ => SkipWord(raw, i),
            };
            tokens[count++] = new EnvelopeToken(kind, start, i);
        }

        return count;
    }

    public static bool IsSpecial(EnvelopeToken token, ReadOnlySpan<byte> raw, byte special) =>
        token.Kind == EnvelopeTokenKind.Special && raw[token.Start] == special;

    // RFC 5322 §3.2.3 specials, except '"', '(' and '[' that open delimited tokens; '.' is one too, so local parts
    // and domains come out as words and dots.
    private static bool IsSpecial(byte b) => b is (byte)'<' or (byte)'>' or (byte)'@' or (byte)',' or (byte)';' or (byte)':' or (byte)'.' or (byte)'\\' or (byte)']' or (byte)')';

    private static int SkipWord(ReadOnlySpan<byte> raw, int i)
    {
        while (i < raw.Length && raw[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'"' or (byte)'(' or (byte)'[') && !IsSpecial(raw[i]))
        {
            i++;
        }

        return i;
    }

    // Comments nest (RFC 5322 §3.2.2); a quoted-pair escapes the next octet in all three.
    private static int SkipDelimited(ReadOnlySpan<byte> raw, int i, byte open, byte close)
    {
        var depth = 0;
        for (; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == (byte)'\\')
            {
                i++;
            }
            else if (open == close)
            {
                if (depth == 1 && b == close)
                {
                    return i + 1;
                }

                depth = 1;
            }
            else if (b == open)
            {
                depth++;
            }
            else if (b == close && --depth == 0)
            {
                return i + 1;
            }
        }

        return raw.Length;
    }
}
