using System.Buffers;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Rendering;

/// <summary>The RFC 3501 §7.4.2 ENVELOPE of a message root, from the stored header fields.</summary>
internal static class EnvelopeWriter
{
    public static void Write(IBufferWriter<byte> output, MimeEntity messageRoot)
    {
        // TODO: implement (signature first, per the contract).
        throw new NotImplementedException();
    }
}
