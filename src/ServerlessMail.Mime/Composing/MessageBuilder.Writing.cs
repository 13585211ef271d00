namespace ServerlessMail.Mime;

public sealed partial class MessageBuilder
{
    /// <summary>Writes the message: CRLF line breaks throughout, no line over 998 octets (RFC 5322 §2.1.1).</summary>
    /// <exception cref="InvalidOperationException">From is not set.</exception>
    /// <exception cref="ArgumentException">A value cannot be represented with these options (a UTF-8 local part without SMTPUTF8).</exception>
    public void WriteTo(Stream stream, MessageFormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= MessageFormatOptions.Default;
        var from = From ?? throw new InvalidOperationException("From must be set before the message is written (RFC 5322 §3.6).");

        // Fixed on the first write, so that the relay copy and the Sent-folder copy are the same message.
        Date ??= Clock.GetLocalNow();
        MessageId ??= GenerateMessageId(from);

        var root = BuildStructure();
        root.Prepare(options, new HashSet<string>(StringComparer.Ordinal));

        // Everything is formatted before the first octet goes out, so a value refused here leaves the stream untouched.
        var fields = new List<string>();
        AddMessageHeaders(fields, from, options);
        fields.Add("MIME-Version: 1.0\r\n");
        root.AddHeaders(fields, options.AllowSmtpUtf8);

        ComposedEntity.WriteFields(stream, fields, options.AllowSmtpUtf8);
        stream.Write("\r\n"u8);
        root.WriteBody(stream, options.AllowSmtpUtf8);
    }

    public byte[] ToArray(MessageFormatOptions? options = null)
    {
        using var stream = new MemoryStream();
        WriteTo(stream, options);
        return stream.ToArray();
    }

    // Only the levels that are needed: mixed(related(alternative(text, html), inline…), attachments…).
    private ComposedEntity BuildStructure()
    {
        var bodies = new List<ComposedEntity>();
        if (TextBody is not null)
        {
            bodies.Add(ComposedLeaf.ForText("plain", TextBody));
        }

        if (HtmlBody is not null)
        {
            bodies.Add(ComposedLeaf.ForText("html", HtmlBody));
        }

        if (bodies.Count == 0 && (_attachments.Count == 0 || _inlineResources.Count > 0))
        {
            // An empty message still has a body, and multipart/related needs a root part.
            bodies.Add(ComposedLeaf.ForText("plain", string.Empty));
        }

        ComposedEntity? body = bodies.Count switch
        {
            0 => null,
            1 => bodies[0],
            _ => new ComposedMultipart("alternative", bodies),
        };

        if (_inlineResources.Count > 0)
        {
            var rootType = bodies.Count > 1 ? "multipart/alternative" : ((ComposedLeaf)bodies[0]).MimeType;
            body = new ComposedMultipart("related", [body!, .. _inlineResources], rootType);
        }

        if (_attachments.Count == 0)
        {
            return body!;
        }

        return new ComposedMultipart("mixed", body is null ? [.. _attachments] : [body, .. _attachments]);
    }

    private void AddMessageHeaders(List<string> fields, MailboxAddress from, MessageFormatOptions options)
    {
        var utf8 = options.AllowSmtpUtf8;
        var date = new HeaderFolder("Date");
        date.Append(" ", MailDate.Format(Date!.Value));
        fields.Add(date.Complete());

        AddMailboxes(fields, "From", [from], utf8);
        if (Sender is not null)
        {
            AddMailboxes(fields, "Sender", [Sender], utf8);
        }

        AddMailboxes(fields, "Reply-To", ReplyTo, utf8);
        AddMailboxes(fields, "To", To, utf8);
        AddMailboxes(fields, "Cc", Cc, utf8);
        if (options.IncludeBcc)
        {
            AddMailboxes(fields, "Bcc", Bcc, utf8);
        }

        if (Subject is not null)
        {
            var subject = new HeaderFolder("Subject");
            HeaderComposer.WriteUnstructured(subject, Subject, utf8, customField: false);
            fields.Add(subject.Complete());
        }

        AddIds(fields, "Message-ID", [MessageId!]);
        if (InReplyTo is not null)
        {
            AddIds(fields, "In-Reply-To", [InReplyTo]);
        }

        AddIds(fields, "References", References);

        foreach (var (name, value) in _headers)
        {
            var field = new HeaderFolder(name);
            HeaderComposer.WriteUnstructured(field, value, utf8, customField: true);
            fields.Add(field.Complete());
        }
    }

    private static string GenerateMessageId(MailboxAddress from)
    {
        try
        {
            return MessageIds.Generate(from.Domain);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"From: no Message-ID can be generated from the domain '{from.Domain}'; set MessageId.", e);
        }
    }

    private static void AddMailboxes(List<string> fields, string name, IEnumerable<MailboxAddress> mailboxes, bool utf8)
    {
        if (!mailboxes.Any())
        {
            return;
        }

        var field = new HeaderFolder(name);
        HeaderComposer.WriteMailboxList(field, mailboxes, utf8, name);
        fields.Add(field.Complete());
    }

    private static void AddIds(List<string> fields, string name, IEnumerable<string> ids)
    {
        if (!ids.Any())
        {
            return;
        }

        var field = new HeaderFolder(name);
        HeaderComposer.WriteIds(field, ids);
        fields.Add(field.Complete());
    }
}
