using ServerlessMail.Mime.Tests.Parsing;

namespace ServerlessMail.Mime.Tests.Corpus;

/// <summary>
/// Every corpus message is compared with its checked-in dump (<c>NNN-name.structure</c>). After an intended parser
/// change, regenerate with SERVERLESSMAIL_UPDATE_GOLDEN=1 and review the diff before committing.
/// </summary>
public sealed class GoldenCorpusTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("SERVERLESSMAIL_UPDATE_GOLDEN") == "1";

    [Fact]
    public void Corpus_HasAtLeastSixtyMessages() => Assert.True(CorpusFiles.All().Length >= 60);

    [Theory]
    [MemberData(nameof(CorpusFiles.Names), MemberType = typeof(CorpusFiles))]
    public void Message_MatchesItsGoldenDump(string name)
    {
        var path = Path.Combine(CorpusFiles.Directory, name);
        var raw = File.ReadAllBytes(path);
        var actual = GoldenDump.Format(MimeParser.Parse(raw));
        var goldenPath = Path.ChangeExtension(path, ".structure");

        if (Update)
        {
            File.WriteAllText(goldenPath, actual);
        }

        Assert.True(File.Exists(goldenPath), $"{Path.GetFileName(goldenPath)} is missing; generate it with SERVERLESSMAIL_UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(goldenPath), actual);
    }

    [Theory]
    [MemberData(nameof(CorpusFiles.Names), MemberType = typeof(CorpusFiles))]
    public void StreamParsing_MatchesMemoryParsing(string name)
    {
        var raw = File.ReadAllBytes(Path.Combine(CorpusFiles.Directory, name));
        var expected = GoldenDump.Format(MimeParser.Parse(raw));
        // The smallest buffer the default boundary limit allows, fed 97 bytes at a time: every refill path runs.
        var options = new MimeParserOptions { BufferSize = 4 * (MimeParserOptions.Default.MaxBoundaryLength + 16) };

        using var stream = new TestMail.TrickleStream(raw, 97);
        Assert.Equal(expected, GoldenDump.Format(MimeParser.Parse(stream, options)));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles.Names), MemberType = typeof(CorpusFiles))]
    public void StoredStructure_RoundTripsEveryField(string name)
    {
        // What the store keeps must answer exactly what a fresh parse answers, read through the same source.
        var raw = File.ReadAllBytes(Path.Combine(CorpusFiles.Directory, name));
        var parsed = MimeParser.Parse(raw);
        var structure = MimeStructureCodec.Serialize(parsed);
        var restored = MimeStructureCodec.Deserialize(structure, new MemoryMimeSource(raw));
        var sliced = MimeStructureCodec.Deserialize(structure.AsMemory(), new MemoryMimeSource(raw));

        Assert.Equal(GoldenDump.Format(parsed), GoldenDump.Format(restored));
        Assert.Equal(GoldenDump.Format(parsed), GoldenDump.Format(sliced));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles.Names), MemberType = typeof(CorpusFiles))]
    public void StoredTopHeaders_AreTheFullDecodesTopHeaders(string name)
    {
        // IMAP SEARCH reads only these; they must be field for field what the whole structure decode holds.
        var structure = MimeStructureCodec.Serialize(MimeParser.Parse(File.ReadAllBytes(Path.Combine(CorpusFiles.Directory, name))));
        var full = MimeStructureCodec.Deserialize(structure).Headers;
        var top = MimeStructureCodec.DeserializeTopHeaders(structure);

        Assert.Equal(
            full.Select(h => (h.Name, h.Offset, h.RawValue.ToArray(), h.DecodedValue)),
            top.Select(h => (h.Name, h.Offset, h.RawValue.ToArray(), h.DecodedValue)));
    }
}
