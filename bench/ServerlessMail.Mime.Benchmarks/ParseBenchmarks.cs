using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace ServerlessMail.Mime.Benchmarks;

/// <summary>
/// Parse throughput and allocations of ServerlessMail.Mime on the three checked-in inputs.
/// StructureOnly: the entity tree with offsets (what ingest stores). HeadersDecoded: plus every header field
/// unfolded and RFC 2047-decoded and the address fields parsed. FullDecode: plus the text and HTML bodies and every
/// attachment decoded. Run: dotnet run -c Release --project bench/ServerlessMail.Mime.Benchmarks -- --filter '*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ParseBenchmarks
{
    private byte[] _data = [];

    [Params(BenchmarkInputs.HeaderHeavy, BenchmarkInputs.Multipart, BenchmarkInputs.Newsletter)]
    public string Input { get; set; } = BenchmarkInputs.HeaderHeavy;

    [GlobalSetup]
    public void Setup() => _data = BenchmarkInputs.Load(Input);

    [Benchmark(Baseline = true)]
    public long StructureOnly() => MimeParser.Parse(_data).Root.EndOffset;

    [Benchmark]
    public int HeadersDecoded() => HeadersDecodedFor(MimeParser.Parse(_data));

    [Benchmark]
    public long FullDecode()
    {
        var message = MimeParser.Parse(_data);
        long total = HeadersDecodedFor(message);
        total += message.GetTextBody()?.Length ?? 0;
        total += message.GetHtmlBody()?.Length ?? 0;
        foreach (var attachment in message.Attachments)
        {
            total += attachment.CopyContentTo(Stream.Null);
        }

        return total;
    }

    private static int HeadersDecodedFor(MimeMessage message)
    {
        var total = 0;
        foreach (var header in message.Headers)
        {
            total += header.DecodedValue.Length;
        }

        total += message.From.Count + message.To.Count + message.Cc.Count + message.References.Count;
        return total + (message.Date.HasValue ? 1 : 0) + (message.MessageId?.Length ?? 0);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new ThroughputColumn(messagesPerSecond: false), new ThroughputColumn(messagesPerSecond: true));
        }
    }
}
