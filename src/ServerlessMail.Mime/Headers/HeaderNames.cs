using System.Text;

namespace ServerlessMail.Mime;

/// <summary>The field names the library looks up, and an interning table so parsing common fields allocates no name strings.</summary>
public static class HeaderNames
{
    public const string From = "From";
    public const string Sender = "Sender";
    public const string ReplyTo = "Reply-To";
    public const string To = "To";
    public const string Cc = "Cc";
    public const string Bcc = "Bcc";
    public const string Subject = "Subject";
    public const string Date = "Date";
    public const string MessageId = "Message-ID";
    public const string InReplyTo = "In-Reply-To";
    public const string References = "References";
    public const string MimeVersion = "MIME-Version";
    public const string ContentType = "Content-Type";
    public const string ContentTransferEncoding = "Content-Transfer-Encoding";
    public const string ContentDisposition = "Content-Disposition";
    public const string ContentId = "Content-ID";
    public const string ContentDescription = "Content-Description";
    public const string ContentLanguage = "Content-Language";
    public const string ContentLocation = "Content-Location";
    public const string ContentMd5 = "Content-MD5";
    public const string Received = "Received";
    public const string ReturnPath = "Return-Path";

    // Names seen in nearly every message; matching one returns the shared string instead of allocating.
    private static readonly string[] Common =
    [
        From, Sender, ReplyTo, To, Cc, Bcc, Subject, Date, MessageId, InReplyTo, References, MimeVersion,
        ContentType, ContentTransferEncoding, ContentDisposition, ContentId, ContentDescription, ContentLanguage,
        ContentLocation, ContentMd5, Received, ReturnPath, "DKIM-Signature", "ARC-Seal", "ARC-Message-Signature",
        "ARC-Authentication-Results", "Authentication-Results", "Received-SPF", "X-Mailer", "User-Agent",
        "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "Precedence", "Thread-Index", "Thread-Topic",
        "X-Received", "X-Google-DKIM-Signature", "X-Gm-Message-State", "X-Google-Smtp-Source", "Delivered-To",
        "Importance", "X-Priority", "Organization", "Comments", "Keywords", "Feedback-ID", "X-MS-Has-Attach",
        "X-MS-TNEF-Correlator", "Accept-Language", "X-Originating-IP", "Auto-Submitted",
    ];

    private static readonly string[][] ByLength = BuildLengthTable();

    internal static string Intern(ReadOnlySpan<byte> name)
    {
        if (name.Length < ByLength.Length)
        {
            foreach (var candidate in ByLength[name.Length])
            {
                if (Ascii.EqualsIgnoreCase(name, candidate))
                {
                    // Keep the case as written when it differs: the raw form is what IMAP returns.
                    return Ascii.Equals(name, candidate) ? candidate : Encoding.Latin1.GetString(name);
                }
            }
        }

        return Encoding.Latin1.GetString(name);
    }

    private static string[][] BuildLengthTable()
    {
        var longest = Common.Max(n => n.Length);
        var table = new string[longest + 1][];
        for (var length = 0; length <= longest; length++)
        {
            table[length] = Common.Where(n => n.Length == length).ToArray();
        }

        return table;
    }
}
