namespace ServerlessMail.Mime;

// Values taken from a received message are untrusted: they are cleaned or skipped, never allowed to make a reply fail.
public sealed partial class MessageBuilder
{
    /// <summary>How much of an HTML-only original is turned into text for the quote.</summary>
    private const int QuotedHtmlLimit = 1024 * 1024;

    /// <summary>Decoded text can hold line breaks (an encoded-word may carry CR LF); they become spaces.</summary>
    private static string? Untrusted(string? text) => text is null
        ? null
        : string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is '\r' or '\n' or '\0' ? ' ' : source[i];
            }
        });

    private static string? ValidId(string? id)
    {
        try
        {
            return string.IsNullOrEmpty(id) ? null : ComposeGuard.CheckId(id, "id");
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The mailbox as a recipient, its name cleaned; null when it cannot be written (no domain, for one).</summary>
    private static MailboxAddress? Recipient(MailboxAddress mailbox)
    {
        try
        {
            var name = Untrusted(mailbox.Name);
            var clean = name == mailbox.Name ? mailbox : new MailboxAddress(name, mailbox.LocalPart, mailbox.Domain);
            return ComposeGuard.CheckMailbox(clean, "recipient");
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string AddressKey(MailboxAddress mailbox) => mailbox.LocalPart + "@" + mailbox.AsciiDomain;

    /// <summary>The original exactly as stored: the octets of its whole root entity.</summary>
    private static byte[] ReadRaw(MimeMessage original)
    {
        var source = original.Source
            ?? throw new InvalidOperationException("The original was parsed from a stream that cannot seek; it cannot be attached.");
        var start = original.Root.HeaderOffset;
        var raw = new byte[checked((int)(original.Root.EndOffset - start))];
        var filled = 0;
        while (filled < raw.Length)
        {
            var read = source.Read(start + filled, raw.AsSpan(filled));
            if (read == 0)
            {
                throw new InvalidOperationException("The original's source ended before the message did.");
            }

            filled += read;
        }

        return raw;
    }
}
