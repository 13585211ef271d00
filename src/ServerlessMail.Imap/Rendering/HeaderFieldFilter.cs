namespace ServerlessMail.Imap.Rendering;

/// <summary>HEADER.FIELDS and HEADER.FIELDS.NOT (RFC 3501 §6.4.5) over a raw header block.</summary>
internal static class HeaderFieldFilter
{
    public static byte[] Apply(ReadOnlySpan<byte> headerBlock, IReadOnlyList<string> fields, bool not)
    {
        // TODO: implement (signature first, per the contract).
        throw new NotImplementedException();
    }
}
