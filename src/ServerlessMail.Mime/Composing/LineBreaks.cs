using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// Line-break canonicalisation and the line-level facts that decide a body's transfer encoding. Mail is CRLF-only
/// (RFC 5322 §2.3, RFC 2045 §2.10): a bare CR or a bare LF in the input becomes CRLF.
/// </summary>
internal static class LineBreaks
{
    /// <summary>RFC 5322 §2.1.1: a line is at most 998 octets, not counting its CRLF.</summary>
    internal const int MaxLineOctets = 998;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The text as UTF-8 with CRLF line breaks; when <paramref name="terminate"/>, it also ends in CRLF.</summary>
    public static byte[] ToCrlfUtf8(string text, bool terminate) => ToCrlf(Utf8.GetBytes(text), terminate);

    public static byte[] ToCrlf(ReadOnlySpan<byte> input, bool terminate)
    {
        var extra = 2;
        foreach (var b in input)
        {
            if (b is (byte)'\r' or (byte)'\n')
            {
                extra++;
            }
        }

        var output = new byte[input.Length + extra];
        var written = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var b = input[i];
            if (b == (byte)'\r')
            {
                // CR LF is one break; a bare CR is one too (old Mac text).
                if (i + 1 < input.Length && input[i + 1] == (byte)'\n')
                {
                    i++;
                }

                output[written++] = (byte)'\r';
                output[written++] = (byte)'\n';
            }
            else if (b == (byte)'\n')
            {
                output[written++] = (byte)'\r';
                output[written++] = (byte)'\n';
            }
            else
            {
                output[written++] = b;
            }
        }

        if (terminate && (written < 2 || output[written - 1] != (byte)'\n'))
        {
            output[written++] = (byte)'\r';
            output[written++] = (byte)'\n';
        }

        return written == output.Length ? output : output.AsSpan(0, written).ToArray();
    }

    /// <summary>
    /// Scans CRLF text and reports whether it has octets above 127, a NUL, or a line over 998 octets. A bare CR or LF
    /// counts as a NUL would: the text cannot travel as 7bit or 8bit (RFC 2045 §2.7, §2.8).
    /// </summary>
    public static TextShape Measure(ReadOnlySpan<byte> text)
    {
        var eightBit = false;
        var unsafeOctets = false;
        var longLine = false;
        var lineLength = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (b == (byte)'\r' && i + 1 < text.Length && text[i + 1] == (byte)'\n')
            {
                i++;
                lineLength = 0;
                continue;
            }

            if (b is 0 or (byte)'\r' or (byte)'\n')
            {
                unsafeOctets = true;
            }
            else if (b > 127)
            {
                eightBit = true;
            }

            if (++lineLength > MaxLineOctets)
            {
                longLine = true;
            }
        }

        return new TextShape(eightBit, unsafeOctets || longLine);
    }
}
