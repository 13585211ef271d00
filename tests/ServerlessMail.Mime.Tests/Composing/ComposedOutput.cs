using System.Text;
using System.Text.RegularExpressions;

namespace ServerlessMail.Mime.Tests.Composing;

/// <summary>Line-level checks and small readers for what the builder writes, independent of the parser.</summary>
internal static partial class ComposedOutput
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>RFC 5322 §2.1.1 and §2.3: every line ends in CRLF, no bare CR or LF, no line over 998 octets.</summary>
    public static void AssertLines(byte[] message)
    {
        Assert.True(message.Length >= 2 && message[^2] == '\r' && message[^1] == '\n', "The message must end in CRLF.");
        var lineStart = 0;
        for (var i = 0; i < message.Length; i++)
        {
            if (message[i] == '\r')
            {
                Assert.True(i + 1 < message.Length && message[i + 1] == '\n', $"Bare CR at offset {i}.");
                Assert.True(i - lineStart <= 998, $"Line at offset {lineStart} is {i - lineStart} octets long.");
                i++;
                lineStart = i + 1;
            }
            else
            {
                Assert.True(message[i] != '\n', $"Bare LF at offset {i}.");
            }
        }
    }

    /// <summary>The top-level header block, up to and including the CRLF of its last field.</summary>
    public static string HeaderBlock(byte[] message)
    {
        var text = Encoding.UTF8.GetString(message);
        return text[..(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 2)];
    }

    /// <summary>Every line of every header block is within 78 columns (RFC 5322 §2.1.1 SHOULD).</summary>
    public static void AssertHeaderLinesFit(string headerBlock, int limit = 78)
    {
        foreach (var line in headerBlock.Split("\r\n"))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= limit, $"Header line over {limit} columns: {line}");
        }
    }

    /// <summary>The unfolded value of the first top-level field with this name (RFC 5322 §2.2.3), or null.</summary>
    public static string? Field(byte[] message, string name)
    {
        var block = HeaderBlock(message).Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", "\t", StringComparison.Ordinal);
        foreach (var line in block.Split("\r\n"))
        {
            if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            {
                return line[(name.Length + 1)..];
            }
        }

        return null;
    }

    /// <summary>Folded field text to its unfolded form: CRLF before whitespace is removed.</summary>
    public static string Unfold(string field) =>
        field.EndsWith("\r\n", StringComparison.Ordinal) ? Unfold(field[..^2]) : field.Replace("\r\n", string.Empty, StringComparison.Ordinal);

    /// <summary>The media types of every Content-Type field, in document order.</summary>
    public static string[] ContentTypes(byte[] message) =>
        [.. ContentTypePattern().Matches(Encoding.UTF8.GetString(message)).Select(m => m.Groups[1].Value)];

    /// <summary>A minimal RFC 2047 decoder for checking the encoder: whitespace between adjacent encoded-words is dropped (§6.2).</summary>
    public static string DecodeWords(string text)
    {
        var result = new StringBuilder();
        var position = 0;
        var previousWasEncoded = false;
        foreach (Match match in EncodedWordPattern().Matches(text))
        {
            var between = text[position..match.Index];
            if (!(previousWasEncoded && string.IsNullOrWhiteSpace(between)))
            {
                result.Append(between);
            }

            result.Append(DecodeWord(match.Groups[1].Value, match.Groups[2].Value));
            position = match.Index + match.Length;
            previousWasEncoded = true;
        }

        return result.Append(text[position..]).ToString();
    }

    /// <summary>One encoded-word's bytes must be valid UTF-8 on their own (RFC 2047 §5: no split sequences).</summary>
    public static string DecodeWord(string encoding, string encodedText)
    {
        byte[] bytes;
        if (encoding is "B" or "b")
        {
            bytes = Convert.FromBase64String(encodedText);
        }
        else
        {
            var list = new List<byte>();
            for (var i = 0; i < encodedText.Length; i++)
            {
                if (encodedText[i] == '_')
                {
                    list.Add((byte)' ');
                }
                else if (encodedText[i] == '=')
                {
                    list.Add(Convert.ToByte(encodedText.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else
                {
                    list.Add((byte)encodedText[i]);
                }
            }

            bytes = [.. list];
        }

        return StrictUtf8.GetString(bytes);
    }

    /// <summary>Undoes quoted-printable (RFC 2045 §6.7) for checking the encoder.</summary>
    public static byte[] DecodeQuotedPrintable(byte[] encoded)
    {
        var output = new List<byte>();
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] != '=')
            {
                output.Add(encoded[i]);
            }
            else if (encoded[i + 1] == '\r' && encoded[i + 2] == '\n')
            {
                i += 2;
            }
            else
            {
                output.Add(Convert.ToByte(Encoding.ASCII.GetString(encoded, i + 1, 2), 16));
                i += 2;
            }
        }

        return [.. output];
    }

    public static IEnumerable<Match> EncodedWords(string text) => EncodedWordPattern().Matches(text);

    [GeneratedRegex(@"=\?utf-8\?([BQ])\?([^?\s]*)\?=")]
    private static partial Regex EncodedWordPattern();

    [GeneratedRegex(@"(?m)^Content-Type: ([^;\r\n]+)")]
    private static partial Regex ContentTypePattern();
}
