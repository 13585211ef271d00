using System.Buffers;
using ServerlessMail.Imap.Rendering;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Tests.Rendering;

/// <summary>
/// The writers go straight to the response buffer: no string of the whole response, no per-address objects. These
/// bound the managed allocations of rendering one message (the structure already decoded, as FETCH holds it).
/// </summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData("001-plain-ascii")]
    [InlineData("010-gmail-attachments")]
    [InlineData("022-forward-rfc822-attachment")]
    [InlineData("082-group-addresses")]
    public void EnvelopeAndBodyStructure_OfADecodedStructure_AllocateAlmostNothing(string name)
    {
        var structure = MimeStructureCodec.Serialize(MimeParser.Parse(Render.Raw(name)));
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        Write(MimeStructureCodec.Deserialize(structure), output);

        // A fresh structure each time, as each FETCH decodes its own: the lazy header parses count too.
        var message = MimeStructureCodec.Deserialize(structure);
        output.ResetWrittenCount();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Write(message, output);
        var first = GC.GetAllocatedBytesForCurrentThread() - before;

        output.ResetWrittenCount();
        before = GC.GetAllocatedBytesForCurrentThread();
        Write(message, output);
        var again = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(first < output.WrittenCount * 2, $"first render allocated {first} bytes for {output.WrittenCount} written");
        Assert.True(again <= 128, $"a second render allocated {again} bytes");
    }

    private static void Write(MimeMessage message, ArrayBufferWriter<byte> output)
    {
        EnvelopeWriter.Write(output, message.Root);
        BodyStructureWriter.Write(output, message.Root, extended: true);
        BodyStructureWriter.Write(output, message.Root, extended: false);
    }
}
