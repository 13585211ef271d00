namespace ServerlessMail.Imap.Rendering;

/// <summary>
/// Where a section's bytes are in the raw message. <see cref="Exists"/> is false for a part that does not exist,
/// which is answered with an empty string (RFC 3501 §6.4.5 leaves it open; Dovecot and Cyrus do the same).
/// </summary>
internal readonly record struct SectionPlan(bool Exists, long Offset, long Length, SectionFilter Filter, IReadOnlyList<string> Fields)
{
    public static SectionPlan Missing { get; } = new(false, 0, 0, SectionFilter.None, []);
}
