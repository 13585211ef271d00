namespace ServerlessMail.Imap.Rendering;

/// <summary>What must be done to a section's bytes after they are read: nothing, or a header-field filter.</summary>
internal enum SectionFilter
{
    None,
    HeaderFields,
    HeaderFieldsNot,
}
