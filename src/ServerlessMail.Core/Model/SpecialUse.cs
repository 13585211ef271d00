namespace ServerlessMail.Core;

/// <summary>The special-use folders every inbox has (RFC 6154), plus None for custom folders.</summary>
public enum SpecialUse
{
    None,
    Inbox,
    Sent,
    Drafts,
    Trash,
    Junk,
    Archive,
}
