using BenchmarkDotNet.Attributes;

namespace ServerlessMail.Mime.Benchmarks;

/// <summary>
/// The pieces of ParseBenchmarks.HeadersDecoded on header-heavy-4k.eml, one at a time, so a change to one parser
/// shows up without the noise of the others. Inputs are the raw field values of that message, taken once in setup.
/// Run: dotnet run -c Release --project bench/ServerlessMail.Mime.Benchmarks -- --filter '*HeaderBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class HeaderBenchmarks
{
    private byte[] _data = [];
    private MimeMessage _message = null!;
    private Header[] _headers = [];
    private ReadOnlyMemory<byte> _from;
    private ReadOnlyMemory<byte> _to;
    private ReadOnlyMemory<byte> _cc;
    private ReadOnlyMemory<byte> _date;
    private ReadOnlyMemory<byte> _messageId;
    private ReadOnlyMemory<byte> _references;
    private ReadOnlyMemory<byte> _subject;
    private ReadOnlyMemory<byte> _received;
    private byte[] _encodedPhrase = [];
    private byte[] _quotedPhrase = [];

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkInputs.Load(BenchmarkInputs.HeaderHeavy);
        var message = MimeParser.Parse(_data);
        _message = message;
        _headers = [.. message.Headers];
        _from = Raw(message, HeaderNames.From);
        _to = Raw(message, HeaderNames.To);
        _cc = Raw(message, HeaderNames.Cc);
        _date = Raw(message, HeaderNames.Date);
        _messageId = Raw(message, HeaderNames.MessageId);
        _references = Raw(message, HeaderNames.References);
        _subject = Raw(message, HeaderNames.Subject);
        _received = Raw(message, HeaderNames.Received);
        _encodedPhrase = "=?utf-8?Q?J=C3=BCrgen_Wei=C3=9F?="u8.ToArray();
        _quotedPhrase = "\"Priya Natarajan\""u8.ToArray();
    }

    [Benchmark]
    public long Parse() => MimeParser.Parse(_data).Root.EndOffset;

    /// <summary>What DecodedValue computes for each of the message's 29 fields, without the per-Header cache.</summary>
    [Benchmark]
    public int AllDecodedValues()
    {
        var total = 0;
        foreach (var header in _headers)
        {
            total += EncodedWords.DecodeUnstructured(header.RawValue.Span).Length;
        }

        return total;
    }

    [Benchmark]
    public int SubjectDecoded() => EncodedWords.DecodeUnstructured(_subject.Span).Length;

    [Benchmark]
    public int ReceivedUnfolded() => EncodedWords.DecodeUnstructured(_received.Span).Length;

    [Benchmark]
    public int PhraseEncoded() => EncodedWords.DecodePhrase(_encodedPhrase).Length;

    [Benchmark]
    public int PhraseQuoted() => EncodedWords.DecodePhrase(_quotedPhrase).Length;

    [Benchmark]
    public int AddressesFrom() => AddressParser.ParseList(_from.Span).Count;

    [Benchmark]
    public int AddressesTo() => AddressParser.ParseList(_to.Span).Count;

    [Benchmark]
    public int AddressesCc() => AddressParser.ParseList(_cc.Span).Count;

    [Benchmark]
    public bool Date() => MailDate.Parse(_date.Span).HasValue;

    /// <summary>MimeMessage.Date is not cached: each read finds the field (a scan of the header list) and parses it.</summary>
    [Benchmark]
    public bool DateAccessor() => _message.Date.HasValue;

    [Benchmark]
    public int MessageId() => MessageIds.ParseFirst(_messageId.Span)?.Length ?? 0;

    [Benchmark]
    public int References() => MessageIds.ParseList(_references.Span).Count;

    /// <summary>The MimeMessage accessors (field lookup included) on a freshly parsed message.</summary>
    [Benchmark]
    public int MessageAccessors()
    {
        var message = MimeParser.Parse(_data);
        return message.From.Count + message.To.Count + message.Cc.Count + message.References.Count
            + (message.Date.HasValue ? 1 : 0) + (message.MessageId?.Length ?? 0);
    }

    private static ReadOnlyMemory<byte> Raw(MimeMessage message, string name) =>
        message.Headers.Find(name)?.RawValue ?? throw new InvalidOperationException($"{name} missing from the input");
}
