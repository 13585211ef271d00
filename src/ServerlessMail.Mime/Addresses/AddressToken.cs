namespace ServerlessMail.Mime;

internal enum AddressTokenKind : byte
{
    /// <summary>A run of atext (RFC 5322 §3.2.3), including octets above 127 (RFC 6532 §3.2).</summary>
    Atom,

    Dot,

    /// <summary>A closed quoted-string, quotes included.</summary>
    QuotedString,

    /// <summary>A closed comment, parentheses included; comments nest.</summary>
    Comment,

    /// <summary>A closed domain literal, brackets included.</summary>
    DomainLiteral,

    At,
    LeftAngle,
    RightAngle,
    Colon,
    Semicolon,
    Comma,

    /// <summary>
    /// Something no production allows: a control octet, a bare CR or LF, a backslash or ']' outside quotes, an
    /// unmatched ')', or a quoted-string, comment or literal that is never closed (which then runs to the end).
    /// </summary>
    Invalid,
}

/// <summary>One lexical token of an address header: its kind and its octets <c>[Start, End)</c> in the raw value.</summary>
internal readonly record struct AddressToken(AddressTokenKind Kind, int Start, int End)
{
    public int Length => End - Start;
}
