namespace ServerlessMail.Mime;

/// <summary>
/// Parses the <c>; name=value</c> list of Content-Type and Content-Disposition (RFC 2045 §5.1, RFC 2183 §2) with the
/// RFC 2231 extensions, tolerating what real mail does: unquoted spaces, missing or doubled ';', unbalanced quotes,
/// RFC 2047 encoded-words and raw UTF-8 in values. It never throws; what it cannot read it skips.
/// </summary>
internal static partial class ParameterParser
{
    // The header is already bounded by MimeParserOptions.MaxHeaderBytes. This bounds the parameter count as well, so
    // the RFC 2231 grouping (a linear scan per continuation) stays cheap on hostile input; real fields carry a handful.
    internal const int MaxParameters = 1024;

    /// <summary>Parses the parameters from <paramref name="pos"/> to the end of the reader's source.</summary>
    public static ParameterList Parse(ref ParameterReader reader, int pos)
    {
        var raw = reader.Source;
        List<Parameter>? parameters = null;
        Continuations? continuations = null;
        var seen = 0;
        while (true)
        {
            pos = reader.SkipCfws(pos);
            if (pos >= raw.Length)
            {
                break;
            }

            // A stray ";;" or a trailing ";" is an empty parameter: nothing to keep.
            if (raw[pos] == (byte)';')
            {
                pos++;
                continue;
            }

            var nameStart = pos;
            var nameEnd = ParameterSyntax.ScanToken(raw, pos);
            if (nameEnd == nameStart)
            {
                // Not a token character where a name should start (',' instead of ';', a stray quote): resynchronise.
                pos++;
                continue;
            }

            var equals = reader.SkipCfws(nameEnd);
            if (equals >= raw.Length || raw[equals] != (byte)'=')
            {
                // A bare word (leftover junk, or "attachment filename=" style); not a parameter.
                pos = equals;
                continue;
            }

            var value = ReadValue(ref reader, reader.SkipCfws(equals + 1), out pos);
            if (++seen > MaxParameters)
            {
                continue;
            }

            parameters ??= new List<Parameter>(4);
            var name = raw[nameStart..nameEnd];
            var star = name.IndexOf((byte)'*');
            if (star > 0 && TryParseSection(name[star..], out var section, out var encoded))
            {
                continuations ??= new Continuations();
                continuations.Add(parameters, ParameterSyntax.LowerToken(name[..star]), section, encoded, value);
            }
            else
            {
                var lowerName = ParameterSyntax.LowerToken(name);
                parameters.Add(new Parameter(lowerName, DecodePlain(raw.Slice(value.Start, value.Length), value.Quoted, IsBoundary(lowerName))));
            }
        }

        if (parameters is null)
        {
            return ParameterList.Empty;
        }

        continuations?.Complete(raw, parameters);
        return new ParameterList(parameters);
    }

    // The boundary is compared octet by octet with delimiter lines, so it is never decoded (RFC 2046 §5.1.1).
    private static bool IsBoundary(string lowerName) => string.Equals(lowerName, "boundary", StringComparison.Ordinal);

    /// <summary>
    /// Reads a value starting at <paramref name="pos"/> (after '=' and any CFWS). <paramref name="next"/> is where
    /// the next parameter may start.
    /// </summary>
    private static ValueRange ReadValue(ref ParameterReader reader, int pos, out int next)
    {
        var raw = reader.Source;
        if (pos >= raw.Length || raw[pos] == (byte)';')
        {
            next = pos;
            return new ValueRange(pos, 0, false);
        }

        if (raw[pos] == (byte)'"')
        {
            next = ParameterSyntax.ScanQuoted(raw, pos, out var contentEnd);
            return new ValueRange(pos + 1, contentEnd - pos - 1, true);
        }

        // An unquoted value is a token by RFC 2045, but mailers write "name=my file.pdf". Take words up to ';' and
        // keep going past white space unless what follows looks like the next "name=" (a missing ';'). What lies
        // between the words, comments included, stays in the value; a trailing comment or white space does not.
        var end = pos;
        var word = pos;
        while (true)
        {
            end = word;
            while (end < raw.Length && !ParameterSyntax.IsWhite(raw[end]) && raw[end] != (byte)';')
            {
                end++;
            }

            next = reader.SkipCfws(end);
            if (next >= raw.Length || raw[next] == (byte)';' || LooksLikeParameter(raw, next))
            {
                return new ValueRange(pos, end - pos, false);
            }

            word = next;
        }
    }

    private static bool LooksLikeParameter(ReadOnlySpan<byte> raw, int pos)
    {
        var nameEnd = ParameterSyntax.ScanToken(raw, pos);
        if (nameEnd == pos)
        {
            return false;
        }

        while (nameEnd < raw.Length && ParameterSyntax.IsWhite(raw[nameEnd]))
        {
            nameEnd++;
        }

        return nameEnd < raw.Length && raw[nameEnd] == (byte)'=';
    }

    /// <summary>
    /// Reads the RFC 2231 §3/§4 suffix of a name, starting at its first '*': "*" (encoded), "*N" (section N) or
    /// "*N*" (encoded section N). Anything else is not a suffix and the name is kept whole.
    /// </summary>
    private static bool TryParseSection(ReadOnlySpan<byte> suffix, out int section, out bool encoded)
    {
        section = -1;
        encoded = false;
        var digits = suffix[1..];
        if (digits.IsEmpty)
        {
            encoded = true;
            return true;
        }

        if (digits[^1] == (byte)'*')
        {
            encoded = true;
            digits = digits[..^1];
            if (digits.IsEmpty)
            {
                return false;
            }
        }

        // Nine digits fit an int; longer section numbers are not real continuations.
        if (digits.Length > 9)
        {
            return false;
        }

        var n = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            n = (n * 10) + (b - '0');
        }

        section = n;
        return true;
    }

    /// <summary>Where a value's octets are in the source: the content of a quoted-string, or an unquoted run.</summary>
    private readonly record struct ValueRange(int Start, int Length, bool Quoted);
}
