using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessMail.Mime.Tests.Corpus;

/// <summary>
/// The expected-output format of the golden corpus: the structure dump, then what a reader of the message sees
/// (decoded fields, body hashes, attachments). Text is hashed and previewed rather than copied, so the files stay short.
/// </summary>
internal static class GoldenDump
{
    public static string Format(MimeMessage message)
    {
        var builder = new StringBuilder();
        builder.Append(MimeStructureFormatter.Format(message));
        builder.Append("--\n");
        Line(builder, "subject", message.Subject);
        Line(builder, "from", Addresses(message.From));
        Line(builder, "to", Addresses(message.To));
        Line(builder, "cc", Addresses(message.Cc));
        Line(builder, "reply-to", Addresses(message.ReplyTo));
        Line(builder, "date", message.Date?.ToString("o", CultureInfo.InvariantCulture));
        Line(builder, "message-id", message.MessageId);
        Line(builder, "in-reply-to", string.Join(" ", message.InReplyTo));
        Line(builder, "references", string.Join(" ", message.References));
        Body(builder, "text", message.GetTextBody());
        Body(builder, "html", message.GetHtmlBody());
        Line(builder, "preview", message.GetPreview(80));
        foreach (var attachment in message.Attachments)
        {
            var content = attachment.GetContent();
            builder.Append(CultureInfo.InvariantCulture,
                $"attachment {attachment.Id} {attachment.ContentType} {attachment.Disposition} name={Quote(attachment.FileName)} safe={Quote(attachment.SafeFileName)} cid={Quote(attachment.ContentId)} size={content.Length} sha256={Hash(content)}\n");
        }

        return builder.ToString();
    }

    private static void Line(StringBuilder builder, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            builder.Append(name).Append(": ").Append(Escape(value, quotes: false)).Append('\n');
        }
    }

    private static void Body(StringBuilder builder, string name, string? text)
    {
        if (text is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var head = text.Length > 60 ? text[..60] : text;
        builder.Append(CultureInfo.InvariantCulture, $"{name}: chars={text.Length} sha256={Hash(bytes)} starts={Quote(head)}\n");
    }

    private static string Addresses(IReadOnlyList<InternetAddress> addresses) =>
        string.Join(" | ", addresses.Select(a => a switch
        {
            MailboxAddress m => $"{Quote(m.Name)} <{m.Address}>",
            GroupAddress g => $"group {Quote(g.Name)}: {string.Join(", ", g.Members.Select(x => x.ToString()))}",
            InvalidAddress i => $"invalid {Quote(i.Text)}",
            _ => a.ToString() ?? string.Empty,
        }));

    private static string Quote(string? value) => value is null ? "null" : "\"" + Escape(value, quotes: true) + "\"";

    private static string Escape(string value, bool quotes)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                '"' when quotes => "\\\"",
                '\\' when quotes => "\\\\",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
}
