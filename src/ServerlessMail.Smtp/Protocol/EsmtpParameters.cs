using System.Text;

namespace ServerlessMail.Smtp;

/// <summary>
/// The parameters after a path: <c>*(SP esmtp-keyword ["=" esmtp-value])</c> (RFC 5321 §4.1.2). Keywords are
/// upper-cased; values keep their case. A keyword given twice is a syntax error.
/// </summary>
internal static class EsmtpParameters
{
    public static bool TryParse(ReadOnlySpan<byte> text, out Dictionary<string, string?> parameters)
    {
        parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var range in text.Split((byte)' '))
        {
            var item = text[range];
            if (item.IsEmpty)
            {
                continue;
            }

            var equals = item.IndexOf((byte)'=');
            var keyword = equals < 0 ? item : item[..equals];
            var value = equals < 0 ? default : item[(equals + 1)..];
            if (!IsKeyword(keyword) || (equals >= 0 && !IsValue(value)))
            {
                return false;
            }

            var name = Encoding.ASCII.GetString(keyword).ToUpperInvariant();
            if (!parameters.TryAdd(name, equals < 0 ? null : Encoding.UTF8.GetString(value)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsKeyword(ReadOnlySpan<byte> keyword)
    {
        if (keyword.IsEmpty || !char.IsAsciiLetterOrDigit((char)keyword[0]))
        {
            return false;
        }

        foreach (var b in keyword)
        {
            if (!char.IsAsciiLetterOrDigit((char)b) && b != (byte)'-')
            {
                return false;
            }
        }

        return true;
    }

    // esmtp-value = 1*(%d33-60 / %d62-126), plus UTF-8 (RFC 6531 §3.3).
    private static bool IsValue(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (b < 33 || b == (byte)'=' || b == 127)
            {
                return false;
            }
        }

        return System.Text.Unicode.Utf8.IsValid(value);
    }
}
