using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Rendering;

/// <summary>Maps an RFC 3501 §6.4.5 section to a byte range of the raw message, from the stored structure. No I/O.</summary>
internal static class SectionResolver
{
    public static SectionPlan Resolve(MimeMessage structure, SectionSpec spec)
    {
        // TODO: implement (signature first, per the contract).
        throw new NotImplementedException();
    }
}
