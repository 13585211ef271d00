namespace ServerlessMail.Mime;

/// <summary>The RFC 5322 fields of the top-level header, parsed on first use and cached.</summary>
public sealed partial class MimeMessage
{
    private string? _subject;
    private IReadOnlyList<InternetAddress>? _from;
    private IReadOnlyList<InternetAddress>? _to;
    private IReadOnlyList<InternetAddress>? _cc;
    private IReadOnlyList<InternetAddress>? _bcc;
    private IReadOnlyList<InternetAddress>? _replyTo;
    private IReadOnlyList<string>? _references;
    private IReadOnlyList<string>? _inReplyTo;

    /// <summary>The Subject with RFC 2047 words decoded, or null when there is none.</summary>
    public string? Subject => _subject ??= Headers.Find(HeaderNames.Subject)?.DecodedValue;

    public IReadOnlyList<InternetAddress> From => _from ??= Addresses(HeaderNames.From);

    public IReadOnlyList<InternetAddress> Sender => Addresses(HeaderNames.Sender);

    public IReadOnlyList<InternetAddress> ReplyTo => _replyTo ??= Addresses(HeaderNames.ReplyTo);

    public IReadOnlyList<InternetAddress> To => _to ??= Addresses(HeaderNames.To);

    public IReadOnlyList<InternetAddress> Cc => _cc ??= Addresses(HeaderNames.Cc);

    public IReadOnlyList<InternetAddress> Bcc => _bcc ??= Addresses(HeaderNames.Bcc);

    /// <summary>The Date field, or null when it is missing or unreadable (never an exception).</summary>
    public DateTimeOffset? Date => Headers.Find(HeaderNames.Date) is { } header ? MailDate.Parse(header.RawValue.Span) : null;

    /// <summary>The Message-ID without angle brackets.</summary>
    public string? MessageId => Headers.Find(HeaderNames.MessageId) is { } header ? MessageIds.ParseFirst(header.RawValue.Span) : null;

    public IReadOnlyList<string> InReplyTo => _inReplyTo ??= Ids(HeaderNames.InReplyTo);

    public IReadOnlyList<string> References => _references ??= Ids(HeaderNames.References);

    /// <summary>Every mailbox of an address field, with group members flattened, for display and matching.</summary>
    public static IEnumerable<MailboxAddress> Mailboxes(IEnumerable<InternetAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        foreach (var address in addresses)
        {
            if (address is MailboxAddress mailbox)
            {
                yield return mailbox;
            }
            else if (address is GroupAddress group)
            {
                foreach (var member in group.Members.OfType<MailboxAddress>())
                {
                    yield return member;
                }
            }
        }
    }

    private IReadOnlyList<InternetAddress> Addresses(string name)
    {
        // Repeated address fields are malformed (RFC 5322 §3.6 allows one) but common; keep every address.
        List<InternetAddress>? all = null;
        IReadOnlyList<InternetAddress>? single = null;
        foreach (var header in Headers.FindAll(name))
        {
            var parsed = AddressParser.ParseList(header.RawValue.Span);
            if (single is null)
            {
                single = parsed;
                continue;
            }

            all ??= [.. single];
            all.AddRange(parsed);
        }

        return all ?? single ?? [];
    }

    private IReadOnlyList<string> Ids(string name) =>
        Headers.Find(name) is { } header ? MessageIds.ParseList(header.RawValue.Span) : [];
}
