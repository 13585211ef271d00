using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// Writes one header field, folding it (RFC 5322 §2.2.3) by putting CRLF in front of existing whitespace so that
/// unfolding gives back exactly what was written. Lines aim for 78 columns (§2.1.1 SHOULD) and a line that cannot
/// be brought under 998 octets (the MUST) is refused. Columns are counted in octets, so raw UTF-8 (RFC 6532) counts
/// as it travels.
/// </summary>
internal sealed class HeaderFolder
{
    internal const int PreferredLineLength = 78;

    private readonly StringBuilder _text = new();
    private readonly string _field;
    private int _column;
    private bool _lineHasToken;

    public HeaderFolder(string field)
    {
        _field = field;
        _text.Append(field).Append(':');
        _column = field.Length + 1;
    }

    /// <summary>The octets already on the current line.</summary>
    public int Column => _column;

    /// <summary>False before the value's first token: RFC 5322 allows folding right after the colon, but old readers do not.</summary>
    public bool CanFold => _lineHasToken;

    /// <summary>Appends a token directly after what is there, with no chance to fold between them.</summary>
    public void Append(string token)
    {
        _text.Append(token);
        _column += Octets(token);
        _lineHasToken = true;
    }

    /// <summary>
    /// Appends <paramref name="whitespace"/> (spaces or tabs) and then <paramref name="token"/>, breaking the line
    /// before the whitespace when the token would otherwise pass column 78.
    /// </summary>
    public void Append(string whitespace, string token)
    {
        if (whitespace.Length > 0 && _lineHasToken && _column + Octets(whitespace) + Octets(token) > PreferredLineLength)
        {
            Fold();
        }

        _text.Append(whitespace);
        _column += whitespace.Length;
        Append(token);
    }

    /// <summary>Breaks the line here; the caller's next token must begin with whitespace.</summary>
    public void Fold()
    {
        _text.Append("\r\n");
        _column = 0;
        _lineHasToken = false;
    }

    /// <summary>The whole field, ending in CRLF.</summary>
    public string Complete()
    {
        _text.Append("\r\n");
        var text = _text.ToString();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf("\r\n", start, StringComparison.Ordinal);
            if (Encoding.UTF8.GetByteCount(text.AsSpan(start, end - start)) > LineBreaks.MaxLineOctets)
            {
                throw new ArgumentException(
                    $"The {_field} header has an unbreakable piece that makes a line longer than {LineBreaks.MaxLineOctets} octets (RFC 5322 §2.1.1).");
            }

            start = end + 2;
        }

        return text;
    }

    internal static int Octets(string text) => Ascii.IsValid(text) ? text.Length : Encoding.UTF8.GetByteCount(text);
}
