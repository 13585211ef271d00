using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ServerlessMail.Mime;

/// <summary>
/// The quoted part of replies and forwards: "&gt; " lines for text (the convention RFC 3676 §4.5 builds on) and a
/// <c>&lt;blockquote type="cite"&gt;</c> for HTML, which mail readers show as a quotation.
/// </summary>
internal static partial class QuotedContent
{
    /// <summary>"On Tue, 5 Mar 2024 at 14:07, Alice &lt;alice@example.com&gt; wrote:", or without the date when there is none.</summary>
    public static string Attribution(DateTimeOffset? date, string? author)
    {
        var who = string.IsNullOrWhiteSpace(author) ? "someone" : author;
        return date is { } value
            ? string.Create(CultureInfo.InvariantCulture, $"On {value:ddd, d MMM yyyy} at {value:HH:mm}, {who} wrote:")
            : who + " wrote:";
    }

    /// <summary>Every line prefixed with "&gt; ", or "&gt;" alone for an empty or already quoted line (no trailing spaces, "&gt;&gt;" nesting).</summary>
    public static string QuoteText(string text)
    {
        var builder = new StringBuilder(text.Length + text.Length / 8 + 8);
        foreach (var line in Lines(text.TrimEnd('\r', '\n')))
        {
            builder.Append(line.Length == 0 || line[0] == '>' ? ">" : "> ").Append(line).Append("\r\n");
        }

        return builder.ToString();
    }

    /// <summary>Plain text as HTML: escaped, line breaks kept as <c>&lt;br&gt;</c>.</summary>
    public static string TextToHtml(string text) =>
        string.Join("<br>\r\n", Lines(text.TrimEnd('\r', '\n')).Select(WebUtility.HtmlEncode));

    /// <summary>The inside of the body element, or the whole text when there is none, so that quoted HTML does not nest documents.</summary>
    public static string BodyContent(string html)
    {
        var open = BodyOpen().Match(html);
        if (!open.Success)
        {
            return html;
        }

        var start = open.Index + open.Length;
        var close = html.LastIndexOf("</body", StringComparison.OrdinalIgnoreCase);
        return close >= start ? html[start..close] : html[start..];
    }

    /// <summary>Puts <paramref name="addition"/> just before <c>&lt;/body&gt;</c>, or at the end when there is none.</summary>
    public static string AppendToBody(string html, string addition)
    {
        var close = html.LastIndexOf("</body", StringComparison.OrdinalIgnoreCase);
        return close < 0 ? html + addition : html[..close] + addition + html[close..];
    }

    /// <summary>Text joined by a blank line, skipping what is empty.</summary>
    public static string Join(string? first, string second) =>
        string.IsNullOrEmpty(first) ? second : first.TrimEnd('\r', '\n') + "\r\n\r\n" + second;

    // Only CR, LF and CRLF break lines in mail; ReplaceLineEndings would also break at U+2028 and friends.
    private static string[] Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');

    [GeneratedRegex("<body[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BodyOpen();
}
