using System.Buffers;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Rendering;

/// <summary>The RFC 3501 §7.4.2 BODY and BODYSTRUCTURE of an entity, from the stored structure.</summary>
internal static class BodyStructureWriter
{
    public static void Write(IBufferWriter<byte> output, MimeEntity entity, bool extended)
    {
        // TODO: implement (signature first, per the contract).
        throw new NotImplementedException();
    }
}
