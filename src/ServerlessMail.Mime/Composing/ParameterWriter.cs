using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// Writes Content-Type and Content-Disposition parameters (RFC 2045 §5.1), each after "; " so that a fold can go in
/// front of it. File names get the RFC 2231 form that modern readers use and an RFC 2047 form for old ones.
/// </summary>
internal static class ParameterWriter
{
    private const string Tspecials = "()<>@,;:\\\"/[]?=";

    /// <summary><c>; attribute=value</c>, quoting the value unless it is a token.</summary>
    public static void Write(HeaderFolder folder, string attribute, string value)
    {
        folder.Append(";");
        folder.Append(" ", attribute + "=" + (IsToken(value) ? value : HeaderComposer.Quote(value)));
    }

    /// <summary>
    /// A file name as RFC 2231 extended parameter(s): <c>filename*=utf-8''%E2%82%AC.pdf</c>, split into
    /// <c>filename*0*=</c>, <c>filename*1*=</c>… when one line cannot hold it (§3, §4). A short printable name is
    /// simply quoted. Continuations never cut a UTF-8 sequence, for readers that decode each piece on its own.
    /// </summary>
    public static void WriteExtended(HeaderFolder folder, string attribute, string value, bool allowUtf8)
    {
        if (TryWriteQuoted(folder, attribute, value, allowUtf8))
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var whole = attribute + "*=utf-8''" + PercentEncode(bytes);
        if (whole.Length + 2 <= HeaderFolder.PreferredLineLength)
        {
            folder.Append(";");
            folder.Append(" ", whole);
            return;
        }

        var position = 0;
        for (var index = 0; position < bytes.Length; index++)
        {
            var head = attribute + "*" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "*=" + (index == 0 ? "utf-8''" : string.Empty);

            // One leading space and the ";" that may follow must fit too.
            var room = HeaderFolder.PreferredLineLength - 2 - head.Length;
            var piece = new StringBuilder();
            while (position < bytes.Length)
            {
                var length = Math.Min(EncodedWordEncoder.Utf8SequenceLength(bytes[position]), bytes.Length - position);
                var encoded = PercentEncode(bytes.AsSpan(position, length));
                if (piece.Length + encoded.Length > room && piece.Length > 0)
                {
                    break;
                }

                piece.Append(encoded);
                position += length;
            }

            folder.Append(";");
            folder.Append(" ", head + piece);
        }
    }

    /// <summary>
    /// The legacy <c>name</c> of Content-Type: quoted when short and printable, otherwise RFC 2047 encoded-words inside
    /// the quotes. That form breaks RFC 2047 §5 but is what Outlook and older readers understand.
    /// </summary>
    public static void WriteEncodedWords(HeaderFolder folder, string attribute, string value, bool allowUtf8)
    {
        if (TryWriteQuoted(folder, attribute, value, allowUtf8))
        {
            return;
        }

        var prefix = attribute + "=\"";
        var words = EncodedWordEncoder.Split(value, EncodedWordContext.Phrase, HeaderFolder.PreferredLineLength - 1 - prefix.Length);
        folder.Append(";");
        for (var i = 0; i < words.Count; i++)
        {
            var word = (i == 0 ? prefix : string.Empty) + words[i] + (i == words.Count - 1 ? "\"" : string.Empty);
            folder.Append(" ", word);
        }
    }

    public static bool IsToken(string value) =>
        value.Length > 0 && value.All(c => c is > ' ' and < '\x7f' && !Tspecials.Contains(c, StringComparison.Ordinal));

    private static bool TryWriteQuoted(HeaderFolder folder, string attribute, string value, bool allowUtf8)
    {
        if (value.Any(c => c < ' ' || c == '\x7f' || (c > '\x7f' && !(allowUtf8 && HeaderComposer.IsRawUtf8(c)))) ||
            value.Contains("=?", StringComparison.Ordinal))
        {
            return false;
        }

        var parameter = attribute + "=" + HeaderComposer.Quote(value);
        if (HeaderFolder.Octets(parameter) + 2 > HeaderFolder.PreferredLineLength)
        {
            return false;
        }

        folder.Append(";");
        folder.Append(" ", parameter);
        return true;
    }

    // RFC 2231 §7 attribute-char: a token character other than "*", "'" and "%".
    private static string PercentEncode(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (c is > ' ' and < '\x7f' && !Tspecials.Contains(c, StringComparison.Ordinal) && c is not ('*' or '\'' or '%'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
