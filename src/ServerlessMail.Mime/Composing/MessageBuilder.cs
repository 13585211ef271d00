namespace ServerlessMail.Mime;

/// <summary>
/// Composes an RFC 5322 / MIME message. Every value is checked as it is given: anything that could break out of its
/// header (CR, LF, NUL) is refused with an <see cref="ArgumentException"/> naming the field. Writing picks the
/// encodings (see <see cref="MessageFormatOptions"/>) and the smallest MIME structure that holds the content.
/// Replies and forwards start from <see cref="CreateReply"/> and <see cref="CreateForward"/>.
/// </summary>
public sealed partial class MessageBuilder
{
    private readonly List<ComposedLeaf> _attachments = [];
    private readonly List<ComposedLeaf> _inlineResources = [];
    private readonly List<KeyValuePair<string, string>> _headers = [];
    private MailboxAddress? _from;
    private MailboxAddress? _sender;
    private string? _subject;
    private string? _messageId;
    private string? _inReplyTo;

    public MessageBuilder()
    {
        To = new CheckedList<MailboxAddress>("To", ComposeGuard.CheckMailbox);
        Cc = new CheckedList<MailboxAddress>("Cc", ComposeGuard.CheckMailbox);
        Bcc = new CheckedList<MailboxAddress>("Bcc", ComposeGuard.CheckMailbox);
        ReplyTo = new CheckedList<MailboxAddress>("Reply-To", ComposeGuard.CheckMailbox);
        References = new CheckedList<string>("References", ComposeGuard.CheckId);
    }

    /// <summary>The author (RFC 5322 §3.6.2). Required before writing.</summary>
    public MailboxAddress? From
    {
        get => _from;
        set => _from = value is null ? null : ComposeGuard.CheckMailbox(value, "From");
    }

    /// <summary>The agent that actually sent the message, when it is not the author.</summary>
    public MailboxAddress? Sender
    {
        get => _sender;
        set => _sender = value is null ? null : ComposeGuard.CheckMailbox(value, "Sender");
    }

    public IList<MailboxAddress> To { get; }

    public IList<MailboxAddress> Cc { get; }

    /// <summary>Blind copies: written only with <see cref="MessageFormatOptions.IncludeBcc"/>.</summary>
    public IList<MailboxAddress> Bcc { get; }

    public IList<MailboxAddress> ReplyTo { get; }

    public string? Subject
    {
        get => _subject;
        set => _subject = ComposeGuard.CheckText(value, "Subject");
    }

    /// <summary>The origination date; set to the time of the first write when null.</summary>
    public DateTimeOffset? Date { get; set; }

    /// <summary>The Message-ID without angle brackets (brackets given are removed); generated from the From domain on the first write when null.</summary>
    public string? MessageId
    {
        get => _messageId;
        set => _messageId = value is null ? null : ComposeGuard.CheckId(value, "Message-ID");
    }

    /// <summary>The Message-ID this message replies to, without angle brackets.</summary>
    public string? InReplyTo
    {
        get => _inReplyTo;
        set => _inReplyTo = value is null ? null : ComposeGuard.CheckId(value, "In-Reply-To");
    }

    /// <summary>The thread's message ids, oldest first, without angle brackets (RFC 5322 §3.6.4).</summary>
    public IList<string> References { get; }

    /// <summary>The plain text body. Any line breaks (CR, LF or CRLF) are written as CRLF.</summary>
    public string? TextBody { get; set; }

    /// <summary>The HTML body. Any line breaks (CR, LF or CRLF) are written as CRLF.</summary>
    public string? HtmlBody { get; set; }

    /// <summary>Adds a file shown as an attachment. <paramref name="contentType"/> is <c>type/subtype</c>, optionally with parameters.</summary>
    public void AddAttachment(string fileName, string contentType, ReadOnlyMemory<byte> content)
    {
        var name = ComposeGuard.CheckFileName(fileName, nameof(fileName));
        var type = MediaTypeSpec.Parse(contentType, nameof(contentType));
        _attachments.Add(ComposedLeaf.ForContent(type, content, "attachment", name, contentId: null));
    }

    /// <summary>
    /// Adds a resource the HTML body refers to as <c>cid:<paramref name="contentId"/></c>, such as an embedded image
    /// (RFC 2387, RFC 2392). The id is given without angle brackets.
    /// </summary>
    public void AddInlineResource(string contentId, string fileName, string contentType, ReadOnlyMemory<byte> content)
    {
        var id = ComposeGuard.CheckId(contentId, nameof(contentId));
        var name = ComposeGuard.CheckFileName(fileName, nameof(fileName));
        var type = MediaTypeSpec.Parse(contentType, nameof(contentType));
        if (type.IsMessage)
        {
            throw new ArgumentException("An inline resource cannot be a message/rfc822 part.", nameof(contentType));
        }

        _inlineResources.Add(ComposedLeaf.ForContent(type, content, "inline", name, id));
    }

    /// <summary>
    /// Adds a header field of the caller's own (for example <c>List-Unsubscribe</c> or <c>X-Mailer</c>). Fields the
    /// builder writes itself (addresses, dates, ids, <c>MIME-Version</c> and every <c>Content-*</c>) are refused.
    /// The value is written as given, folded at its whitespace; non-ASCII words become encoded-words.
    /// </summary>
    public void AddHeader(string name, string value)
    {
        ComposeGuard.CheckHeaderName(name);
        ComposeGuard.CheckHeaderValue(value, name);
        _headers.Add(new(name, value));
    }

    internal TimeProvider Clock { get; set; } = TimeProvider.System;
}
