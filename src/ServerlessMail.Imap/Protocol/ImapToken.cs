using System.Buffers;

namespace ServerlessMail.Imap.Protocol;

internal enum TokenKind
{
    /// <summary>An atom, number, flag, NIL or FETCH item; <c>BODY[…]&lt;…&gt;</c> is one atom, brackets and all.</summary>
    Atom,
    Quoted,
    Literal,
    Open,
    Close,
}

/// <summary>One argument of a command. A literal keeps its bytes in the input buffer (valid until the command is done).</summary>
internal readonly record struct ImapToken(TokenKind Kind, string Text, ReadOnlySequence<byte> Bytes)
{
    public bool IsString => Kind is TokenKind.Atom or TokenKind.Quoted or TokenKind.Literal;
}
