namespace ServerlessMail.Mime;

/// <summary>
/// Checks everything a caller hands the builder before it can reach a header. CR, LF or NUL in a header value would
/// let the caller (or whoever supplied the text) start a new header field or end the header block: header
/// injection. Every such value is refused with the field named, so the builder cannot be made to write one.
/// </summary>
internal static class ComposeGuard
{
    /// <summary>Long enough for any real identifier, short enough that <c>&lt;id&gt;</c> always fits in 998 octets.</summary>
    internal const int MaxIdLength = 900;

    internal const int MaxHeaderNameLength = 76;

    // Structural fields the builder writes itself, and fields that have a property of their own.
    private static readonly HashSet<string> ReservedFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "MIME-Version", "From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "In-Reply-To",
        "References",
    };

    public static string? CheckText(string? value, string field)
    {
        if (value is not null && value.AsSpan().IndexOfAny('\r', '\n', '\0') is var at && at >= 0)
        {
            throw new ArgumentException($"{field} contains {Describe(value[at])}; a header value cannot hold line breaks or NUL.", field);
        }

        return value;
    }

    public static MailboxAddress CheckMailbox(MailboxAddress? mailbox, string field)
    {
        ArgumentNullException.ThrowIfNull(mailbox, field);
        CheckText(mailbox.Name, field + " display name");
        CheckText(mailbox.LocalPart, field + " address");
        CheckText(mailbox.Domain, field + " address");
        if (mailbox.LocalPart.Length == 0 || mailbox.Domain.Length == 0)
        {
            throw new ArgumentException($"{field} address '{mailbox.Address}' needs both a local part and a domain.", field);
        }

        if (mailbox.LocalPart.Any(char.IsControl))
        {
            throw new ArgumentException($"{field} address '{mailbox.Address}' has a control character in its local part.", field);
        }

        if (HeaderFolder.Octets(mailbox.LocalPart) > 256 || HeaderFolder.Octets(mailbox.Domain) > 255)
        {
            throw new ArgumentException($"{field} address '{mailbox.Address}' is too long (RFC 5321 §4.5.3.1).", field);
        }

        if (!IsDomain(mailbox.Domain))
        {
            throw new ArgumentException($"{field} address '{mailbox.Address}' has an invalid domain.", field);
        }

        return mailbox;
    }

    /// <summary>A message or content identifier without its angle brackets (RFC 5322 §3.6.4 msg-id).</summary>
    public static string CheckId(string? id, string field)
    {
        ArgumentNullException.ThrowIfNull(id, field);
        CheckText(id, field);
        var bare = id.Length >= 2 && id[0] == '<' && id[^1] == '>' ? id[1..^1] : id;
        if (bare.Length == 0 || bare.Length > MaxIdLength || !bare.All(c => c is > ' ' and < '\x7f' and not ('<' or '>')))
        {
            throw new ArgumentException(
                $"{field} '{id}' is not a valid identifier: it must be printable ASCII without spaces or angle brackets, 1 to {MaxIdLength} characters.",
                field);
        }

        return bare;
    }

    public static void CheckHeaderName(string? name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // RFC 5322 §2.2: field-name is printable ASCII other than the colon.
        if (name.Length == 0 || name.Length > MaxHeaderNameLength || !name.All(c => c is > ' ' and < '\x7f' and not ':'))
        {
            throw new ArgumentException(
                $"Header name '{Printable(name)}' is invalid: it must be 1 to {MaxHeaderNameLength} printable ASCII characters without spaces or a colon.",
                nameof(name));
        }

        if (ReservedFields.Contains(name) || name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Header '{name}' is written by the builder itself; set the matching property instead of adding it.", nameof(name));
        }
    }

    public static void CheckHeaderValue(string? value, string name)
    {
        ArgumentNullException.ThrowIfNull(value);
        var field = "Header '" + name + "'";
        CheckText(value, field);
        if (value.Any(c => c == '\x7f' || (c < ' ' && c != '\t')))
        {
            throw new ArgumentException($"{field} contains a control character.", nameof(value));
        }

        // Custom values are not encoded (they may be structured), so every word must fit on a line as it is.
        foreach (var word in value.Split(' ', '\t'))
        {
            if (HeaderFolder.Octets(word) + MaxHeaderNameLength + 2 > LineBreaks.MaxLineOctets)
            {
                throw new ArgumentException($"{field} has a word too long for a header line (RFC 5322 §2.1.1).", nameof(value));
            }
        }
    }

    public static string CheckFileName(string? fileName, string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName, field);
        CheckText(fileName, field);
        if (fileName.Any(char.IsControl))
        {
            throw new ArgumentException($"{field} '{Printable(fileName)}' contains a control character.", field);
        }

        return fileName;
    }

    private static bool IsDomain(string domain)
    {
        if (domain[0] == '[')
        {
            // RFC 5322 §3.4.1 domain-literal: dtext is printable ASCII other than "[", "]" and "\".
            return domain.Length > 2 && domain[^1] == ']' && domain[1..^1].All(c => c is > ' ' and < '\x7f' and not ('[' or ']' or '\\'));
        }

        return domain.All(c => c is '.' or '-' or '_' || char.IsAsciiLetterOrDigit(c) || (c > '\x7f' && !char.IsControl(c) && !char.IsWhiteSpace(c)));
    }

    private static string Describe(char c) => c switch
    {
        '\r' => "a carriage return (CR)",
        '\n' => "a line feed (LF)",
        _ => "a NUL character",
    };

    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\x{(int)c:X2}" : c.ToString()));
}
