namespace ServerlessMail.Mime;

/// <summary>How <see cref="MessageBuilder.CreateForward"/> carries the original message.</summary>
public enum ForwardMode
{
    /// <summary>The original's text and HTML are quoted in the new body and its attachments are attached again.</summary>
    Inline,

    /// <summary>The original is attached whole and unchanged as a <c>message/rfc822</c> part (RFC 2046 §5.2.1).</summary>
    Attachment,
}
