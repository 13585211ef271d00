using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Search;

/// <summary>
/// RFC 3501 §6.4.4 text matching: a case-insensitive substring of the decoded text (encoded-words and charsets
/// decoded; Unicode ordinal case folding, as StringComparison.OrdinalIgnoreCase does).
/// </summary>
internal static class SearchText
{
    // The fields MimeStructureCodec keeps for the top-level message besides Content-*, so HEADER on them needs no blob.
    private static readonly string[] StoredFields =
    [
        HeaderNames.Date, HeaderNames.Subject, HeaderNames.From, HeaderNames.Sender, HeaderNames.ReplyTo,
        HeaderNames.To, HeaderNames.Cc, HeaderNames.Bcc, HeaderNames.InReplyTo, HeaderNames.MessageId, HeaderNames.References,
    ];

    public static bool IsStored(string field)
    {
        if (field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var stored in StoredFields)
        {
            if (stored.Equals(field, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a field with this name contains the value; an empty value matches any such field.</summary>
    public static bool FieldContains(HeaderList headers, string field, string value)
    {
        // Indexed, not FindAll: SEARCH runs this for every message of a folder, and an iterator per call adds up.
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (header.Name.Equals(field, StringComparison.OrdinalIgnoreCase) &&
                (value.Length == 0 || header.DecodedValue.Contains(value, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    public static bool AnyFieldContains(HeaderList headers, string value)
    {
        foreach (var header in headers)
        {
            if (header.Name.Contains(value, StringComparison.OrdinalIgnoreCase) ||
                header.DecodedValue.Contains(value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// BODY: the text parts, transfer encoding and charset undone. Other parts (images, archives) are not text and
    /// are skipped; the parts of an attached message are searched too, as its text is in the body.
    /// </summary>
    public static bool BodyContains(MimeMessage message, string value)
    {
        var source = message.Source ?? throw new InvalidOperationException("A loaded message must have a content source.");
        foreach (var entity in message.Root.Descendants())
        {
            if (entity.Kind == MimeEntityKind.Leaf && entity.ContentType.IsText &&
                entity.DecodeText(source).Contains(value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
