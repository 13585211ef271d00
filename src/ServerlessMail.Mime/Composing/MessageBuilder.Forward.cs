using System.Net;
using System.Text;

namespace ServerlessMail.Mime;

public sealed partial class MessageBuilder
{
    private const string ForwardSeparator = "---------- Forwarded message ---------";

    /// <summary>
    /// Starts a forward of <paramref name="original"/> to <paramref name="to"/>, with one "Fwd: " on the subject.
    /// <see cref="ForwardMode.Inline"/> puts the original's From, Date, Subject, To and Cc and its text (and HTML
    /// when <paramref name="html"/> is given) under a "Forwarded message" line and attaches its attachments again;
    /// <see cref="ForwardMode.Attachment"/> attaches the original, octet for octet, as <c>message/rfc822</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The original's content cannot be read (parsed from a stream that cannot seek).</exception>
    public static MessageBuilder CreateForward(MimeMessage original, MailboxAddress from, IEnumerable<MailboxAddress> to, ForwardMode mode, string? text, string? html = null)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(to);
        var builder = new MessageBuilder { From = from, Subject = SubjectPrefixes.Forward(Untrusted(original.Subject)) };
        foreach (var recipient in to)
        {
            builder.To.Add(recipient);
        }

        if (mode == ForwardMode.Attachment)
        {
            builder.TextBody = text ?? (html is null ? string.Empty : null);
            builder.HtmlBody = html;
            builder.AddAttachment(MessageFileName(original.Subject), "message/rfc822", ReadRaw(original));
            return builder;
        }

        var summary = ForwardSummary(original);
        var originalHtml = original.GetHtmlBody();
        var originalText = original.GetTextBody() ?? (originalHtml is null ? null : HtmlText.ToPlainText(originalHtml, QuotedHtmlLimit));
        if (text is not null || html is null)
        {
            var block = ForwardSeparator + "\r\n" + string.Concat(summary.Select(line => line + "\r\n")) + "\r\n" + originalText;
            builder.TextBody = QuotedContent.Join(text, block);
        }

        if (html is not null)
        {
            var content = originalHtml is not null ? QuotedContent.BodyContent(originalHtml) : QuotedContent.TextToHtml(originalText ?? string.Empty);
            var block = new StringBuilder("\r\n<div class=\"forward\">").Append(WebUtility.HtmlEncode(ForwardSeparator)).Append("<br>\r\n");
            foreach (var line in summary)
            {
                block.Append(WebUtility.HtmlEncode(line)).Append("<br>\r\n");
            }

            block.Append("<br>\r\n").Append(content).Append("\r\n</div>\r\n");
            builder.HtmlBody = QuotedContent.AppendToBody(html, block.ToString());
        }

        foreach (var attachment in original.Attachments)
        {
            Reattach(builder, attachment, inlineAllowed: html is not null && originalHtml is not null);
        }

        return builder;
    }

    private static List<string> ForwardSummary(MimeMessage original)
    {
        var lines = new List<string> { "From: " + Mailboxes(original.From) };
        if (original.Date is { } date)
        {
            lines.Add("Date: " + MailDate.Format(date));
        }

        lines.Add("Subject: " + Untrusted(original.Subject));
        lines.Add("To: " + Mailboxes(original.To));
        if (original.Cc.Count > 0)
        {
            lines.Add("Cc: " + Mailboxes(original.Cc));
        }

        return lines;
    }

    private static string Mailboxes(IEnumerable<InternetAddress> addresses) =>
        Untrusted(string.Join(", ", MimeMessage.Mailboxes(addresses))) ?? string.Empty;

    // An inline image stays inline (same Content-ID) when the original HTML comes along; otherwise it is a file.
    private static void Reattach(MessageBuilder builder, MimeAttachment attachment, bool inlineAllowed)
    {
        var fileName = attachment.FileName is { } name && IsUsableFileName(name) ? name : attachment.SafeFileName;
        var contentType = attachment.Entity.ContentType.IsMultipart || attachment.ContentType is "message/partial" or "message/external-body"
            ? "application/octet-stream"
            : attachment.ContentType;
        var content = attachment.GetContent();
        if (inlineAllowed && attachment.IsInline && ValidId(attachment.ContentId) is { } contentId && contentType != "message/rfc822")
        {
            builder.AddInlineResource(contentId, fileName, contentType, content);
        }
        else
        {
            builder.AddAttachment(fileName, contentType, content);
        }
    }

    private static bool IsUsableFileName(string name) => !string.IsNullOrWhiteSpace(name) && !name.Any(char.IsControl);

    // The subject as a file name: the characters file systems refuse become "_".
    private static string MessageFileName(string? subject)
    {
        var stem = new StringBuilder();
        foreach (var c in (subject ?? string.Empty).Trim())
        {
            stem.Append(char.IsControl(c) || "/\\:*?\"<>|".Contains(c, StringComparison.Ordinal) ? '_' : c);
            if (stem.Length >= 100)
            {
                break;
            }
        }

        var trimmed = stem.ToString().Trim().TrimEnd('.');
        return (trimmed.Length == 0 ? "forwarded message" : trimmed) + ".eml";
    }
}
