namespace ServerlessMail.Mime;

/// <summary>What the transport that will carry a composed message allows, and whether Bcc is written.</summary>
public sealed class MessageFormatOptions
{
    public static MessageFormatOptions Default { get; } = new();

    /// <summary>
    /// The next hop announced 8BITMIME (RFC 6152): text bodies with non-ASCII may go as <c>8bit</c> instead of
    /// quoted-printable, and forwarded messages with 8-bit octets may be embedded raw.
    /// </summary>
    public bool AllowEightBit { get; init; }

    /// <summary>
    /// The next hop announced SMTPUTF8 (RFC 6531): headers carry raw UTF-8 (RFC 6532) instead of RFC 2047
    /// encoded-words, domains stay in Unicode, and mailboxes may have UTF-8 local parts.
    /// </summary>
    public bool AllowSmtpUtf8 { get; init; }

    /// <summary>
    /// Write the Bcc field. Never for a message handed to a relay (the whole point of Bcc is that recipients do not
    /// see it, RFC 5322 §3.6.3); only for the sender's own copy, such as the Sent folder.
    /// </summary>
    public bool IncludeBcc { get; init; }
}
