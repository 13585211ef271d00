using System.Buffers;

namespace ServerlessMail.Mime;

/// <summary>
/// Splits an address header value into RFC 5322 §3.2 lexical tokens over raw octets. Whitespace and folds
/// (CRLF or bare LF followed by WSP, RFC 5322 §3.2.2) separate tokens and are dropped. Nothing is ever decoded here:
/// an encoded-word is just an atom, so it can never turn into a special such as '@' or ',' (RFC 2047 §5).
/// </summary>
internal ref struct AddressTokenizer(ReadOnlySpan<byte> raw)
{
    // The token kind each octet starts: RFC 5322 §3.2.3 atext (8-bit octets included, RFC 6532 §3.2) is Atom, the
    // specials are their own kinds, '"', '(' and '[' open delimited tokens, anything else is Invalid. One lookup
    // per octet keeps the atom loop tight; atoms are short, so a vectorised search would cost more than it saves.
    private static readonly AddressTokenKind[] Kinds = BuildKinds();

    // What may end a delimited token or make it invalid; everything else inside one is skipped in bulk.
    private static readonly SearchValues<byte> QuotedStops = SearchValues.Create(BuildStops("\"\\"u8));
    private static readonly SearchValues<byte> CommentStops = SearchValues.Create(BuildStops("()\\"u8));
    private static readonly SearchValues<byte> LiteralStops = SearchValues.Create(BuildStops("[]\\"u8));

    private readonly ReadOnlySpan<byte> _raw = raw;
    private int _position;

    public bool Next(out AddressToken token)
    {
        SkipWhitespace();
        if (_position >= _raw.Length)
        {
            token = default;
            return false;
        }

        var start = _position;
        var kinds = Kinds;
        var kind = kinds[_raw[start]];
        switch (kind)
        {
            case AddressTokenKind.QuotedString:
                token = ReadDelimited(AddressTokenKind.QuotedString, (byte)'"', (byte)'"');
                return true;
            case AddressTokenKind.Comment:
                token = ReadDelimited(AddressTokenKind.Comment, (byte)'(', (byte)')');
                return true;
            case AddressTokenKind.DomainLiteral:
                token = ReadDelimited(AddressTokenKind.DomainLiteral, (byte)'[', (byte)']');
                return true;
        }

        var i = start + 1;
        if (kind == AddressTokenKind.Atom)
        {
            while (i < _raw.Length && kinds[_raw[i]] == AddressTokenKind.Atom)
            {
                i++;
            }
        }

        _position = i;
        token = new AddressToken(kind, start, i);
        return true;
    }

    private static bool IsControl(byte b) => (b < 0x20 && b != (byte)'\t') || b == 0x7F;

    /// <summary>
    /// A quoted-string, comment or domain literal. A control octet or bare line break inside, or (in a literal) a
    /// nested '[' or a backslash, makes the whole token invalid but still ends it at its closing delimiter, so one
    /// bad piece does not swallow the next address. An unclosed one runs to the end of input.
    /// </summary>
    private AddressToken ReadDelimited(AddressTokenKind kind, byte open, byte close)
    {
        var start = _position;
        var bad = false;
        var depth = 0;
        var stops = kind switch
        {
            AddressTokenKind.QuotedString => QuotedStops,
            AddressTokenKind.Comment => CommentStops,
            _ => LiteralStops,
        };
        var i = start;
        while (i < _raw.Length)
        {
            // Ordinary content carries no meaning here: jump to the next octet that does.
            if (i > start)
            {
                var skip = _raw[i..].IndexOfAny(stops);
                if (skip < 0)
                {
                    break;
                }

                i += skip;
            }

            var c = _raw[i];
            if (c == open && (i == start || kind == AddressTokenKind.Comment))
            {
                depth++;
                i++;
                continue;
            }

            if (c == close)
            {
                i++;
                if (--depth == 0)
                {
                    _position = i;
                    return new AddressToken(bad ? AddressTokenKind.Invalid : kind, start, i);
                }

                continue;
            }

            if (c == (byte)'\\' && kind != AddressTokenKind.DomainLiteral)
            {
                // RFC 5322 §3.2.1 quoted-pair; an escaped control or line break is never legitimate.
                if (i + 1 < _raw.Length && IsControl(_raw[i + 1]))
                {
                    bad = true;
                }

                i += 2;
                continue;
            }

            if (c is (byte)'\r' or (byte)'\n')
            {
                var next = FoldEnd(i);
                bad |= next < 0;
                i = next < 0 ? i + 1 : next;
                continue;
            }

            bad |= IsControl(c) || (kind == AddressTokenKind.DomainLiteral && c is (byte)'[' or (byte)'\\');
            i++;
        }

        _position = _raw.Length;
        return new AddressToken(AddressTokenKind.Invalid, start, _raw.Length);
    }

    private void SkipWhitespace()
    {
        while (_position < _raw.Length)
        {
            var b = _raw[_position];
            if (b is (byte)' ' or (byte)'\t')
            {
                _position++;
                continue;
            }

            if (b is (byte)'\r' or (byte)'\n' && FoldEnd(_position) is var next and >= 0)
            {
                _position = next;
                continue;
            }

            return;
        }
    }

    /// <summary>
    /// The index after a fold's line break (CRLF or LF, then WSP, RFC 5322 §3.2.2), or -1 for a bare CR or LF.
    /// A line break that ends the input counts as a fold, so a value with its terminator still parses.
    /// </summary>
    private readonly int FoldEnd(int i)
    {
        if (_raw[i] == (byte)'\r')
        {
            if (i + 1 >= _raw.Length || _raw[i + 1] != (byte)'\n')
            {
                return i + 1 == _raw.Length ? i + 1 : -1;
            }

            i++;
        }

        i++;
        return i == _raw.Length || _raw[i] is (byte)' ' or (byte)'\t' ? i : -1;
    }

    private static AddressTokenKind[] BuildKinds()
    {
        var kinds = new AddressTokenKind[256];
        for (var b = 0; b < kinds.Length; b++)
        {
            kinds[b] = b > 0x20 && b != 0x7F ? AddressTokenKind.Atom : AddressTokenKind.Invalid;
        }

        kinds['.'] = AddressTokenKind.Dot;
        kinds['@'] = AddressTokenKind.At;
        kinds['<'] = AddressTokenKind.LeftAngle;
        kinds['>'] = AddressTokenKind.RightAngle;
        kinds[':'] = AddressTokenKind.Colon;
        kinds[';'] = AddressTokenKind.Semicolon;
        kinds[','] = AddressTokenKind.Comma;
        kinds['"'] = AddressTokenKind.QuotedString;
        kinds['('] = AddressTokenKind.Comment;
        kinds['['] = AddressTokenKind.DomainLiteral;

        // Specials that never start a token of their own (RFC 5322 §3.2.3).
        kinds[')'] = AddressTokenKind.Invalid;
        kinds[']'] = AddressTokenKind.Invalid;
        kinds['\\'] = AddressTokenKind.Invalid;
        return kinds;
    }

    /// <summary>The given delimiters, the backslash, and every control octet (CR and LF included) except HTAB.</summary>
    private static byte[] BuildStops(ReadOnlySpan<byte> delimiters)
    {
        var stops = new List<byte>(delimiters.ToArray());
        for (var b = 0; b < 0x20; b++)
        {
            if (b != '\t')
            {
                stops.Add((byte)b);
            }
        }

        stops.Add(0x7F);
        return [.. stops];
    }
}
