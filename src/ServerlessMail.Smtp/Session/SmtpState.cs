namespace ServerlessMail.Smtp;

internal enum SmtpStateKind
{
    /// <summary>Greeted; the client has not said EHLO or HELO (again, after STARTTLS).</summary>
    Initial,

    /// <summary>EHLO/HELO done, no mail transaction.</summary>
    Ready,

    /// <summary>MAIL accepted, no recipient yet.</summary>
    Mail,

    /// <summary>MAIL and at least one RCPT accepted: DATA or BDAT may start.</summary>
    Recipients,

    /// <summary>BDAT chunks arriving, the last one not yet (RFC 3030).</summary>
    Chunking,
}

/// <summary>What the client said in EHLO or HELO.</summary>
internal sealed record HeloInfo(string Name, bool Extended);

/// <summary>MAIL FROM and its parameters.</summary>
internal sealed record MailTransaction(SmtpPath ReversePath, long? DeclaredSize, bool SmtpUtf8);

/// <summary>
/// The session state, carrying only the data valid in it: there is no transaction before MAIL, no recipient list
/// before RCPT, and an upload only while BDAT chunks are arriving.
/// </summary>
internal abstract record SmtpState(SmtpStateKind Kind);

internal sealed record InitialState() : SmtpState(SmtpStateKind.Initial)
{
    public static InitialState Instance { get; } = new();
}

internal sealed record ReadyState(HeloInfo Helo) : SmtpState(SmtpStateKind.Ready);

internal sealed record MailState(HeloInfo Helo, MailTransaction Mail) : SmtpState(SmtpStateKind.Mail);

internal sealed record RecipientsState(HeloInfo Helo, MailTransaction Mail, IReadOnlyList<string> Recipients) : SmtpState(SmtpStateKind.Recipients);

internal sealed record ChunkingState(HeloInfo Helo, MailTransaction Mail, IReadOnlyList<string> Recipients, MessageUpload Upload)
    : SmtpState(SmtpStateKind.Chunking);
