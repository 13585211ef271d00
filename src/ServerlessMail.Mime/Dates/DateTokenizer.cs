namespace ServerlessMail.Mime;

/// <summary>
/// Splits a date header into digits, letters and punctuation. Whitespace and folds separate tokens and are dropped;
/// comments are dropped too (RFC 5322 §3.3 allows CFWS between every element), but the first one is remembered so a
/// lone zone name such as <c>(PST)</c> can stand in for a missing zone.
/// </summary>
internal static class DateTokenizer
{
    // Nine digits still fit in an int; a longer run is not part of any date.
    private const int MaxDigits = 9;

    /// <summary>Fills <paramref name="tokens"/>; false when the input has more tokens than fit or an overlong number.</summary>
    public static bool Tokenize(ReadOnlySpan<byte> raw, Span<DateToken> tokens, out int count, out Range firstComment)
    {
        count = 0;
        firstComment = default;
        var haveComment = false;
        var i = 0;
        while (i < raw.Length)
        {
            var b = raw[i];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                i++;
                continue;
            }

            if (b == (byte)'(')
            {
                var end = SkipComment(raw, i);
                if (!haveComment)
                {
                    haveComment = true;
                    firstComment = new Range(i + 1, Math.Max(i + 1, end - 1));
                }

                i = end;
                continue;
            }

            if (count == tokens.Length)
            {
                return false;
            }

            var start = i;
            if (IsDigit(b))
            {
                var value = 0;
                while (i < raw.Length && IsDigit(raw[i]))
                {
                    if (i - start == MaxDigits)
                    {
                        return false;
                    }

                    value = (value * 10) + (raw[i] - '0');
                    i++;
                }

                tokens[count++] = new DateToken(DateTokenKind.Number, start, i - start, value);
                continue;
            }

            if (IsLetter(b))
            {
                while (i < raw.Length && IsLetter(raw[i]))
                {
                    i++;
                }

                tokens[count++] = new DateToken(DateTokenKind.Word, start, i - start, 0);
                continue;
            }

            var kind = b switch
            {
                (byte)'+' => DateTokenKind.Plus,
                (byte)'-' => DateTokenKind.Minus,
                (byte)':' => DateTokenKind.Colon,
                (byte)'.' => DateTokenKind.Dot,
                _ => DateTokenKind.Separator,
            };
            tokens[count++] = new DateToken(kind, start, 1, 0);
            i++;
        }

        return true;
    }

    /// <summary>Returns the index just past the comment that opens at <paramref name="open"/> (or the end of input).</summary>
    private static int SkipComment(ReadOnlySpan<byte> raw, int open)
    {
        var depth = 0;
        var i = open;
        while (i < raw.Length)
        {
            switch (raw[i])
            {
                case (byte)'\\':
                    i++;
                    break;
                case (byte)'(':
                    depth++;
                    break;
                case (byte)')':
                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }

            i++;
        }

        return raw.Length;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool IsLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';
}
