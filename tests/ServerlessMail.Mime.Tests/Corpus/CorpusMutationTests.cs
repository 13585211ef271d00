namespace ServerlessMail.Mime.Tests.Corpus;

/// <summary>
/// Mutated corpus messages (truncated, bytes flipped, delimiters removed) must parse and decode without throwing,
/// with consistent offsets and work linear in their size. Seeds are fixed so a failure reproduces.
/// </summary>
public sealed class CorpusMutationTests
{
    [Theory]
    [MemberData(nameof(CorpusFiles.Names), MemberType = typeof(CorpusFiles))]
    public void Truncations_ParseAndDecode(string name)
    {
        var raw = File.ReadAllBytes(Path.Combine(CorpusFiles.Directory, name));
        var step = Math.Max(1, raw.Length / 50);
        for (var length = 0; length < raw.Length; length += step)
        {
            ParseAndDecode(raw.AsSpan(0, length).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(CorpusFiles.Names), MemberType = typeof(CorpusFiles))]
    public void FlippedBytes_ParseAndDecode(string name)
    {
        var raw = File.ReadAllBytes(Path.Combine(CorpusFiles.Directory, name));
        var random = new Random(name.Length * 7919);
        for (var round = 0; round < 20 && raw.Length > 0; round++)
        {
            var mutated = (byte[])raw.Clone();
            for (var flips = 0; flips < 1 + (raw.Length / 500); flips++)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            ParseAndDecode(mutated);
        }
    }

    [Theory]
    [MemberData(nameof(CorpusFiles.Names), MemberType = typeof(CorpusFiles))]
    public void RemovedDelimiters_ParseAndDecode(string name)
    {
        var raw = File.ReadAllBytes(Path.Combine(CorpusFiles.Directory, name));
        var lines = SplitLines(raw);
        var random = new Random(name.Length);
        for (var round = 0; round < 5; round++)
        {
            var kept = lines.Where(line => !(line.Length > 2 && line[0] == '-' && line[1] == '-' && random.Next(2) == 0));
            ParseAndDecode(kept.SelectMany(l => l).ToArray());
        }
    }

    private static List<byte[]> SplitLines(byte[] raw)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n')
            {
                lines.Add(raw[start..(i + 1)]);
                start = i + 1;
            }
        }

        lines.Add(raw[start..]);
        return lines;
    }

    private static void ParseAndDecode(byte[] raw)
    {
        var root = MimeParser.Parse(new MimeReader(raw), null, out var stats);
        Assert.True(stats.BytesExamined <= 2L * raw.Length + 4096);
        foreach (var entity in root.Descendants())
        {
            Assert.InRange(entity.BodyOffset, entity.HeaderOffset, raw.Length);
            Assert.InRange(entity.EndOffset, entity.BodyOffset, raw.Length);
        }

        var message = MimeParser.Parse(raw);
        _ = GoldenDump.Format(message);
    }
}
