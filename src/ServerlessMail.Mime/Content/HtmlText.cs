using System.Net;
using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// A small, bounded HTML-to-text conversion for previews and search: it drops scripts, styles and the head, turns
/// block ends into line breaks, strips tags and decodes entities. It is not a renderer and never executes anything.
/// </summary>
internal static class HtmlText
{
    public static string ToPlainText(string html, int maxInput)
    {
        var input = html.Length > maxInput ? html.AsSpan(0, maxInput) : html.AsSpan();
        var text = new StringBuilder(Math.Min(input.Length, 4096));
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            if (c != '<')
            {
                text.Append(c);
                i++;
                continue;
            }

            var close = input[i..].IndexOf('>');
            if (close < 0)
            {
                break;
            }

            var tag = input.Slice(i + 1, close - 1);
            i += close + 1;
            var name = TagName(tag);
            if (name is "script" or "style" or "head" or "title")
            {
                var end = IndexOfClosingTag(input[i..], name);
                i = end < 0 ? input.Length : i + end;
                continue;
            }

            if (name is "br" or "p" or "/p" or "div" or "/div" or "tr" or "/tr" or "li" or "h1" or "h2" or "h3" or "/h1" or "/h2" or "/h3")
            {
                text.Append('\n');
            }
        }

        return WebUtility.HtmlDecode(text.ToString());
    }

    private static string TagName(ReadOnlySpan<char> tag)
    {
        tag = tag.TrimStart();
        var length = 0;
        while (length < tag.Length && (char.IsAsciiLetterOrDigit(tag[length]) || (length == 0 && tag[0] == '/')))
        {
            length++;
        }

        return tag[..length].ToString().ToLowerInvariant();
    }

    private static int IndexOfClosingTag(ReadOnlySpan<char> rest, string name)
    {
        var closing = "</" + name;
        var index = rest.IndexOf(closing, StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return -1;
        }

        var gt = rest[index..].IndexOf('>');
        return gt < 0 ? -1 : index + gt + 1;
    }
}
