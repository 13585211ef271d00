namespace ServerlessMail.Mime;

internal enum DateTokenKind : byte
{
    Number,
    Word,
    Plus,
    Minus,
    Colon,
    Dot,
    Separator,
}

/// <summary>One lexical piece of a date: a run of digits, a run of ASCII letters, or a punctuation byte.</summary>
internal readonly record struct DateToken(DateTokenKind Kind, int Start, int Length, int Value)
{
    public int Digits => Kind == DateTokenKind.Number ? Length : 0;
}
