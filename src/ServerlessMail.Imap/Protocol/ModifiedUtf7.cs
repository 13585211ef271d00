using System.Text;

namespace ServerlessMail.Imap.Protocol;

/// <summary>
/// RFC 3501 §5.1.3 mailbox names: printable US-ASCII stands for itself, "&amp;" is "&amp;-", and every other run of
/// characters is "&amp;" + modified BASE64 (',' for '/', no padding) of its UTF-16BE + "-". The store keeps names in
/// Unicode; this is only the wire form. Decoding is strict (RFC 3501: printable ASCII must not be encoded, a shifted
/// run must end on a whole UTF-16 unit with zero spare bits), so every name has one spelling.
/// </summary>
internal static class ModifiedUtf7
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

    public static string Encode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var output = new StringBuilder(name.Length + 8);
        var index = 0;
        while (index < name.Length)
        {
            var c = name[index];
            if (c == '&')
            {
                output.Append("&-");
                index++;
            }
            else if (c is >= ' ' and <= '~')
            {
                output.Append(c);
                index++;
            }
            else
            {
                var start = index;
                while (index < name.Length && name[index] is not (>= ' ' and <= '~'))
                {
                    index++;
                }

                output.Append('&');
                AppendBase64(output, name.AsSpan(start, index - start));
                output.Append('-');
            }
        }

        return output.ToString();
    }

    /// <summary>False for a name that is not canonical modified UTF-7 (8-bit or control characters, bad BASE64, an encoded printable character).</summary>
    public static bool TryDecode(string text, out string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        name = string.Empty;
        var output = new StringBuilder(text.Length);
        var index = 0;
        while (index < text.Length)
        {
            var c = text[index++];
            if (c is not (>= ' ' and <= '~'))
            {
                return false;
            }

            if (c != '&')
            {
                output.Append(c);
                continue;
            }

            var end = text.IndexOf('-', index);
            if (end < 0)
            {
                return false;
            }

            if (end == index)
            {
                output.Append('&');
            }
            else if (!TryAppendDecoded(output, text.AsSpan(index, end - index)))
            {
                return false;
            }

            index = end + 1;
        }

        name = output.ToString();
        return true;
    }

    private static void AppendBase64(StringBuilder output, ReadOnlySpan<char> run)
    {
        int bits = 0, buffer = 0;
        foreach (var unit in run)
        {
            buffer = (buffer << 16) | unit;
            bits += 16;
            while (bits >= 6)
            {
                bits -= 6;
                output.Append(Alphabet[(buffer >> bits) & 0x3F]);
            }
        }

        if (bits > 0)
        {
            output.Append(Alphabet[(buffer << (6 - bits)) & 0x3F]);
        }
    }

    private static bool TryAppendDecoded(StringBuilder output, ReadOnlySpan<char> encoded)
    {
        int bits = 0, buffer = 0;
        var start = output.Length;
        foreach (var c in encoded)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            buffer = ((buffer << 6) | value) & 0x3FFFFF;
            bits += 6;
            if (bits >= 16)
            {
                bits -= 16;
                var unit = (char)((buffer >> bits) & 0xFFFF);
                if (unit is >= ' ' and <= '~')
                {
                    return false;
                }

                output.Append(unit);
            }
        }

        // Leftover bits must be fewer than 6 and all zero; the run must be well-formed UTF-16.
        if (bits >= 6 || (buffer & ((1 << bits) - 1)) != 0 || output.Length == start)
        {
            return false;
        }

        for (var i = start; i < output.Length; i++)
        {
            if (char.IsHighSurrogate(output[i]) ? i + 1 >= output.Length || !char.IsLowSurrogate(output[++i]) : char.IsLowSurrogate(output[i]))
            {
                return false;
            }
        }

        return true;
    }
}
