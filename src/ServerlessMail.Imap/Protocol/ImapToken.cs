using System.Buffers;

namespace ServerlessMail.Imap.Protocol;

internal enum TokenKind
{
    /// <summary>An atom, number, flag, NIL or FETCH item; <c>BODY[…]&lt;…&gt;</c> is one atom, brackets and all.</summary>
    Atom,
    Quoted,
    Literal,

    /// <summary>RFC 3516 §4.4 <c>~{n}</c>: octets that may hold NUL, allowed only as APPEND's message; never an astring.</summary>
    Literal8,
    Open,
    Close,
}

/// <summary>One argument of a command. A literal keeps its bytes in the input buffer (valid until the command is done).</summary>
internal readonly record struct ImapToken(TokenKind Kind, string Text, ReadOnlySequence<byte> Bytes)
{
    public bool IsString => Kind is TokenKind.Atom or TokenKind.Quoted or TokenKind.Literal;

    /// <summary>A literal of either kind, whose bytes are in <see cref="Bytes"/>.</summary>
    public bool IsLiteral => Kind is TokenKind.Literal or TokenKind.Literal8;
}
