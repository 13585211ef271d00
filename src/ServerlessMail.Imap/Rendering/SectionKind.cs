namespace ServerlessMail.Imap.Rendering;

/// <summary>The section-text of RFC 3501 §6.4.5, or none (the part's whole content).</summary>
internal enum SectionKind
{
    Full,
    Header,
    HeaderFields,
    HeaderFieldsNot,
    Text,
    Mime,
}
