using System.Diagnostics.CodeAnalysis;

namespace ServerlessMail.Core;

/// <summary>The stored IMAP system flags (RFC 3501 §2.3.2). \Recent is per session, so it is not stored.</summary>
[Flags]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "IMAP names these flags (RFC 3501 §2.3.2).")]
public enum MessageFlags
{
    None = 0,
    Seen = 1,
    Answered = 2,
    Flagged = 4,
    Deleted = 8,
    Draft = 16,
}
