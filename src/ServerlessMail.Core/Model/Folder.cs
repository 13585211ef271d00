namespace ServerlessMail.Core;

/// <summary>
/// A mailbox of an inbox. Names use '/' as the hierarchy separator ("Projects/2026"). UIDVALIDITY is fixed at
/// creation; UIDNEXT and HIGHESTMODSEQ only grow (RFC 3501 §2.3.1.1, RFC 7162). Messages with a UID at or above
/// <see cref="FirstRecentUid"/> are \Recent for the next session that claims them (RFC 3501 §2.3.2).
/// </summary>
public sealed record Folder(
    string Id,
    string InboxId,
    string Name,
    SpecialUse SpecialUse,
    uint UidValidity,
    uint UidNext,
    ulong HighestModSeq,
    int Total,
    int Unseen,
    uint FirstRecentUid,
    bool Subscribed,
    DateTimeOffset CreatedAt)
{
    public const char Separator = '/';

    public const string InboxName = "INBOX";

    /// <summary>The special-use folders every inbox is created with.</summary>
    public static IReadOnlyList<(string Name, SpecialUse Use)> SpecialFolders { get; } =
    [
        (InboxName, SpecialUse.Inbox), ("Sent", SpecialUse.Sent), ("Drafts", SpecialUse.Drafts),
        ("Trash", SpecialUse.Trash), ("Junk", SpecialUse.Junk), ("Archive", SpecialUse.Archive),
    ];
}
