namespace ServerlessMail.Mime;

public sealed partial class MessageBuilder
{
    /// <summary>Enough of a thread for any reader to place the reply; more only makes the header grow forever.</summary>
    internal const int MaxReferences = 20;

    /// <summary>
    /// Starts a reply to <paramref name="original"/> (RFC 5322 §3.6.4, §3.6.5). The reply goes to the Reply-To
    /// addresses, or to From when there are none (or, when <paramref name="from"/> wrote the original, to its To).
    /// With <paramref name="replyAll"/> the original To joins the To and the original Cc becomes the Cc, without
    /// <paramref name="from"/> and without duplicates (addresses compare case-insensitively). The subject gets one
    /// "Re: ", In-Reply-To and References continue the thread, and the bodies quote the original: a text body
    /// unless only <paramref name="html"/> is given, an HTML body when it is. The result can be changed further.
    /// </summary>
    /// <exception cref="InvalidOperationException">The original's content cannot be read (parsed from a stream that cannot seek).</exception>
    public static MessageBuilder CreateReply(MimeMessage original, MailboxAddress from, bool replyAll, string? text, string? html = null)
    {
        ArgumentNullException.ThrowIfNull(original);
        var builder = new MessageBuilder { From = from, Subject = SubjectPrefixes.Reply(Untrusted(original.Subject)) };
        AddReplyRecipients(builder, original, from, replyAll);

        if (ValidId(original.MessageId) is { } messageId)
        {
            builder.InReplyTo = messageId;
        }

        foreach (var id in ReplyReferences(original))
        {
            builder.References.Add(id);
        }

        var attribution = QuotedContent.Attribution(original.Date, Untrusted(MimeMessage.Mailboxes(original.From).FirstOrDefault()?.ToString()));
        var originalHtml = original.GetHtmlBody();
        var originalText = original.GetTextBody() ?? (originalHtml is null ? null : HtmlText.ToPlainText(originalHtml, QuotedHtmlLimit));
        if (text is not null || html is null)
        {
            builder.TextBody = QuotedContent.Join(text, attribution + "\r\n" + QuotedContent.QuoteText(originalText ?? string.Empty));
        }

        if (html is not null)
        {
            var quoted = originalHtml is not null ? QuotedContent.BodyContent(originalHtml) : QuotedContent.TextToHtml(originalText ?? string.Empty);
            builder.HtmlBody = QuotedContent.AppendToBody(
                html,
                "\r\n<div class=\"quote\">" + System.Net.WebUtility.HtmlEncode(attribution) + "<br>\r\n<blockquote type=\"cite\">\r\n" + quoted + "\r\n</blockquote></div>\r\n");
        }

        return builder;
    }

    private static void AddReplyRecipients(MessageBuilder builder, MimeMessage original, MailboxAddress from, bool replyAll)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { AddressKey(from) };
        var primary = original.ReplyTo.Count > 0 ? original.ReplyTo : original.From;
        AddRecipients(builder.To, primary, seen);
        if (builder.To.Count == 0)
        {
            // Replying to one's own message continues the conversation with its recipients.
            AddRecipients(builder.To, original.To, seen);
        }

        if (replyAll)
        {
            AddRecipients(builder.To, original.To, seen);
            AddRecipients(builder.Cc, original.Cc, seen);
        }
    }

    private static void AddRecipients(IList<MailboxAddress> list, IEnumerable<InternetAddress> addresses, HashSet<string> seen)
    {
        foreach (var mailbox in MimeMessage.Mailboxes(addresses))
        {
            if (Recipient(mailbox) is { } recipient && seen.Add(AddressKey(recipient)))
            {
                list.Add(recipient);
            }
        }
    }

    // The thread so far (References, or In-Reply-To when there are none) and the original itself, oldest first.
    private static List<string> ReplyReferences(MimeMessage original)
    {
        var thread = original.References.Count > 0 ? original.References : original.InReplyTo;
        var ids = new List<string>();
        foreach (var id in thread.Append(original.MessageId ?? string.Empty))
        {
            if (ValidId(id) is { } valid && !ids.Contains(valid, StringComparer.Ordinal))
            {
                ids.Add(valid);
            }
        }

        // Keep the thread's root and the most recent ids, as RFC 5322 §3.6.4 leaves the trimming to the writer.
        return ids.Count <= MaxReferences ? ids : [ids[0], .. ids.Skip(ids.Count - MaxReferences + 1)];
    }
}
