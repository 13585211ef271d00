using System.Text;

namespace ServerlessMail.Mime.Tests.Parsing;

/// <summary>
/// Hostile shapes must parse without throwing, in work linear in the input and memory bounded by the options.
/// Work is counted (bytes examined, boundary comparisons, bytes allocated), never timed.
/// </summary>
public sealed class ParserRobustnessTests
{
    [Fact]
    public void NestingTenThousandDeep_IsCappedAtMaxDepth()
    {
        const int levels = 10_000;
        var builder = new StringBuilder();
        for (var i = 0; i < levels; i++)
        {
            builder.Append("Content-Type: multipart/mixed; boundary=\"b").Append(i).Append("\"\r\n\r\n--b").Append(i).Append("\r\n");
        }

        builder.Append("\r\ninnermost\r\n");
        for (var i = levels - 1; i >= 0; i--)
        {
            builder.Append("--b").Append(i).Append("--\r\n");
        }

        var raw = Encoding.ASCII.GetBytes(builder.ToString());
        var (root, stats, allocated) = ParseCounting(raw);

        var deepest = root.Descendants().Max(e => e.Depth);
        Assert.Equal(MimeParserOptions.Default.MaxDepth, deepest);
        Assert.Contains(root.Descendants(), e => e.Defects.HasFlag(MimeDefects.TooDeep));
        Assert.Equal(raw.Length, root.EndOffset);
        AssertLinearWork(raw, stats, MimeParserOptions.Default.MaxDepth);
        Assert.True(allocated < 8L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void HundredThousandSiblings_StopAtMaxParts()
    {
        const int parts = 100_000;
        var builder = new StringBuilder("Content-Type: multipart/mixed; boundary=s\r\n\r\n");
        for (var i = 0; i < parts; i++)
        {
            builder.Append("--s\r\nContent-Type: text/plain\r\n\r\npart ").Append(i).Append("\r\n");
        }

        builder.Append("--s--\r\n");
        var raw = Encoding.ASCII.GetBytes(builder.ToString());
        var (root, stats, _) = ParseCounting(raw);

        Assert.Equal(MimeParserOptions.Default.MaxParts, stats.Entities);
        Assert.Equal(MimeParserOptions.Default.MaxParts - 1, root.Children.Count);
        Assert.True(root.Children[^1].Defects.HasFlag(MimeDefects.TooManyParts));
        Assert.Equal(raw.Length, root.Children[^1].EndOffset);
        AssertLinearWork(raw, stats, 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TwentyMegabyteHeader_KeepsOnlyTheCappedBytes(bool folded)
    {
        const int size = 20 * 1024 * 1024;
        var raw = new byte[size];
        var prefix = "Subject: "u8;
        prefix.CopyTo(raw);
        raw.AsSpan(prefix.Length).Fill((byte)'x');
        if (folded)
        {
            for (var i = 1000; i < size - 2; i += 1000)
            {
                raw[i] = (byte)'\r';
                raw[i + 1] = (byte)'\n';
                raw[i + 2] = (byte)' ';
            }
        }

        "\r\n\r\nbody"u8.CopyTo(raw.AsSpan(size - 8));
        var options = MimeParserOptions.Default;

        using var stream = new MemoryStream(raw, writable: false);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var root = MimeParser.Parse(new MimeReader(stream, new byte[options.BufferSize]), options, out var stats);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Empty(root.Headers);
        Assert.True(root.Defects.HasFlag(MimeDefects.HeadersTruncated));
        Assert.Equal(size - 4, root.BodyOffset);
        Assert.True(stats.HeaderBytesKept <= options.MaxHeaderBytes);
        Assert.True(allocated < 4L * options.MaxHeaderBytes, $"allocated {allocated} bytes");
        AssertLinearWork(raw, stats, 0);
    }

    [Fact]
    public void ManyHeaders_StopAtMaxHeaders()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 50_000; i++)
        {
            builder.Append("X-H").Append(i).Append(": v\r\n");
        }

        builder.Append("\r\nbody");
        var raw = Encoding.ASCII.GetBytes(builder.ToString());
        var (root, stats, _) = ParseCounting(raw);

        Assert.Equal(MimeParserOptions.Default.MaxHeaders, root.Headers.Count);
        Assert.True(root.Defects.HasFlag(MimeDefects.HeadersTruncated));
        Assert.Equal("body", Encoding.ASCII.GetString(raw.AsSpan((int)root.BodyOffset)));
        AssertLinearWork(raw, stats, 0);
    }

    [Fact]
    public void BodyOfDelimiterLookalikes_CostsOneComparisonPerBoundaryPerLine()
    {
        var builder = new StringBuilder("Content-Type: multipart/mixed; boundary=abcdef\r\n\r\n--abcdef\r\n\r\n");
        for (var i = 0; i < 100_000; i++)
        {
            builder.Append("--abcde\r\n");
        }

        builder.Append("--abcdef--\r\n");
        var raw = Encoding.ASCII.GetBytes(builder.ToString());
        var (root, stats, _) = ParseCounting(raw);

        Assert.Single(root.Children);
        AssertLinearWork(raw, stats, 1);
    }

    [Theory]
    [InlineData("base64")]
    [InlineData("7bit")]
    public void StructureOnlyParsing_AllocatesNothingPerByteOfBody(string encoding)
    {
        // The same two-part message with a 64 KB and a 4 MB body: the allocations must not grow with the body.
        var small = ParseCounting(MessageWithBody(64 * 1024, encoding)).Allocated;
        var large = ParseCounting(MessageWithBody(4 * 1024 * 1024, encoding)).Allocated;

        Assert.True(large <= small + 512, $"64 KB body: {small} bytes allocated; 4 MB body: {large} bytes");
    }

    private static byte[] MessageWithBody(int bodyBytes, string encoding)
    {
        var line = encoding == "base64" ? new string('Q', 76) : "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor";
        var builder = new StringBuilder($"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n");
        while (builder.Length < bodyBytes)
        {
            builder.Append(line).Append("\r\n");
        }

        builder.Append("--b--\r\n");
        return Encoding.ASCII.GetBytes(builder.ToString());
    }

    private static (MimeEntity Root, MimeParseStatistics Stats, long Allocated) ParseCounting(byte[] raw)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var root = MimeParser.Parse(new MimeReader(raw), null, out var stats);
        return (root, stats, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// Bytes are examined a bounded number of times (a kept tail and the delimiter lookahead are re-read), and each
    /// line that starts with "--" is compared with at most one boundary per open multipart.
    /// </summary>
    private static void AssertLinearWork(byte[] input, MimeParseStatistics stats, int maxOpenBoundaries)
    {
        Assert.True(stats.BytesExamined <= 2L * input.Length + 4096, $"examined {stats.BytesExamined} of {input.Length}");
        var dashLines = CountLinesStartingWithDashes(input);
        Assert.True(
            stats.BoundaryComparisons <= dashLines * (long)maxOpenBoundaries,
            $"{stats.BoundaryComparisons} comparisons for {dashLines} candidate lines");
    }

    private static long CountLinesStartingWithDashes(ReadOnlySpan<byte> input)
    {
        long count = input.StartsWith("--"u8) ? 1 : 0;
        var index = 0;
        while ((index = input.IndexOf("\n--"u8)) >= 0)
        {
            count++;
            input = input[(index + 1)..];
        }

        return count;
    }
}
