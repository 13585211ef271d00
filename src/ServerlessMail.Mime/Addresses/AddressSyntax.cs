using System.Buffers;

namespace ServerlessMail.Mime;

/// <summary>Writing addr-spec pieces back out in RFC 5322 §3.4.1 form.</summary>
internal static class AddressSyntax
{
    // RFC 5322 §3.2.3 atext (ASCII part); non-ASCII characters are atext too (RFC 6532 §3.2).
    private static readonly SearchValues<char> AsciiAtext =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~");

    /// <summary>The local part as a dot-atom when it is one, otherwise as a quoted string with '"' and '\' escaped.</summary>
    public static string QuoteLocalPart(string local) => IsDotAtom(local) ? local : Quote(local);

    public static bool IsDotAtom(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text[0] == '.' || text[^1] == '.')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                if (text[i - 1] == '.')
                {
                    return false;
                }
            }
            else if (c < 0x80 && !AsciiAtext.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Quote(string text)
    {
        var escapes = 0;
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                escapes++;
            }
        }

        return string.Create(text.Length + escapes + 2, text, static (span, value) =>
        {
            var i = 0;
            span[i++] = '"';
            foreach (var c in value)
            {
                if (c is '"' or '\\')
                {
                    span[i++] = '\\';
                }

                span[i++] = c;
            }

            span[i] = '"';
        });
    }
}
