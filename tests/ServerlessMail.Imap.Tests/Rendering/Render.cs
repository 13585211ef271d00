using System.Buffers;
using System.Text;
using ServerlessMail.Mime;
using ServerlessMail.Relay.Tests;

namespace ServerlessMail.Imap.Tests.Rendering;

/// <summary>
/// Test inputs as the store produces them: a corpus .eml parsed by ServerlessMail.Mime, then round-tripped through
/// MimeStructureCodec, so the writers see exactly the structure a FETCH sees. The corpus is read in place.
/// </summary>
internal static class Render
{
    private static readonly string CorpusDirectory = Path.Combine(RepositoryLayout.Root, "tests", "ServerlessMail.Mime.Tests", "Corpus");

    /// <summary>This test project's source directory; samples are read in place, not copied to bin/.</summary>
    public static string TestDirectory { get; } = Path.Combine(RepositoryLayout.Root, "tests", "ServerlessMail.Imap.Tests");

    public static string RawPath(string name) => Path.Combine(CorpusDirectory, name + ".eml");

    public static byte[] Raw(string name) => File.ReadAllBytes(RawPath(name));

    public static MimeMessage Stored(string name) => Stored(Raw(name));

    public static MimeMessage Stored(byte[] raw) => MimeStructureCodec.Deserialize(MimeStructureCodec.Serialize(MimeParser.Parse(raw)));

    public static MimeMessage Stored(string name, bool withSource)
    {
        var raw = Raw(name);
        var structure = MimeStructureCodec.Serialize(MimeParser.Parse(raw));
        return MimeStructureCodec.Deserialize(structure, withSource ? new MemoryMimeSource(raw) : null);
    }

    public static string ToText(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
