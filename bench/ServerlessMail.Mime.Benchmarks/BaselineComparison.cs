using System.Collections;
using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Loader;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ServerlessMail.Mime.Benchmarks;

/// <summary>
/// Before and after in one BenchmarkDotNet run, so both sides are measured in the same stretch of a shared, noisy
/// machine. Point MIME_BASELINE at a ServerlessMail.Mime.dll built from an earlier commit; it is loaded into its own
/// AssemblyLoadContext, and the same work is compiled against it and against the current library (expression trees
/// and delegates), so both pay the same call overhead. Without MIME_BASELINE only the current library runs.
/// Run: MIME_BASELINE=/tmp/base/ServerlessMail.Mime.dll dotnet run -c Release --project bench/ServerlessMail.Mime.Benchmarks -- --filter '*BaselineComparison*'
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByMethod)]
[Config(typeof(Config))]
public class BaselineComparison
{
    private const string Baseline = "baseline";
    private const string Current = "current";

    private ReadOnlyMemory<byte> _data;
    private Func<ReadOnlyMemory<byte>, int> _parse = _ => 0;
    private Func<ReadOnlyMemory<byte>, int> _headersDecoded = _ => 0;
    private SpanFunc<string> _decodeUnstructured = _ => string.Empty;
    private SpanFunc<object> _addresses = _ => Array.Empty<object>();
    private SpanFunc<object> _ids = _ => Array.Empty<object>();
    private SpanFunc<DateTimeOffset?> _date = _ => null;
    private ReadOnlyMemory<byte>[] _values = [];
    private ReadOnlyMemory<byte>[] _addressFields = [];
    private ReadOnlyMemory<byte> _references;
    private ReadOnlyMemory<byte> _dateField;

    private delegate T SpanFunc<out T>(ReadOnlySpan<byte> raw);

    [ParamsSource(nameof(Libraries))]
    public string Library { get; set; } = Current;

    public static IEnumerable<string> Libraries() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MIME_BASELINE")) ? [Current] : [Baseline, Current];

    [GlobalSetup]
    public void Setup()
    {
        var assembly = Library == Baseline
            ? new AssemblyLoadContext(Baseline).LoadFromAssemblyPath(Path.GetFullPath(Environment.GetEnvironmentVariable("MIME_BASELINE")!))
            : typeof(MimeParser).Assembly;
        _data = BenchmarkInputs.Load(BenchmarkInputs.HeaderHeavy);
        _parse = CompileParse(assembly, decodeHeaders: false);
        _headersDecoded = CompileParse(assembly, decodeHeaders: true);
        _decodeUnstructured = Bind<string>(assembly, "EncodedWords", "DecodeUnstructured");
        _addresses = Bind<object>(assembly, "AddressParser", "ParseList");
        _ids = Bind<object>(assembly, "MessageIds", "ParseList");
        _date = Bind<DateTimeOffset?>(assembly, "MailDate", "Parse");

        // The field values are taken with the current library; they are only octets.
        var message = MimeParser.Parse(_data);
        _values = [.. message.Headers.Select(h => h.RawValue)];
        _addressFields = [.. new[] { HeaderNames.From, HeaderNames.To, HeaderNames.Cc }.Select(n => message.Headers.Find(n)!.RawValue)];
        _references = message.Headers.Find(HeaderNames.References)!.RawValue;
        _dateField = message.Headers.Find(HeaderNames.Date)!.RawValue;
    }

    [Benchmark]
    public int StructureOnly() => _parse(_data);

    /// <summary>The same work as ParseBenchmarks.HeadersDecoded.</summary>
    [Benchmark]
    public int HeadersDecoded() => _headersDecoded(_data);

    [Benchmark]
    public int AllDecodedValues()
    {
        var total = 0;
        foreach (var value in _values)
        {
            total += _decodeUnstructured(value.Span).Length;
        }

        return total;
    }

    /// <summary>From, To and Cc: 12 mailboxes.</summary>
    [Benchmark]
    public int AddressLists()
    {
        var total = 0;
        foreach (var field in _addressFields)
        {
            total += ((ICollection)_addresses(field.Span)).Count;
        }

        return total;
    }

    [Benchmark]
    public int References() => ((ICollection)_ids(_references.Span)).Count;

    [Benchmark]
    public bool Date() => _date(_dateField.Span).HasValue;

    private static SpanFunc<T> Bind<T>(Assembly assembly, string type, string method) =>
        Type(assembly, type).GetMethod(method, BindingFlags.Public | BindingFlags.Static, [typeof(ReadOnlySpan<byte>)])!
            .CreateDelegate<SpanFunc<T>>();

    private static Type Type(Assembly assembly, string name) =>
        assembly.GetType("ServerlessMail.Mime." + name, throwOnError: true)!;

    /// <summary>
    /// Parse, and with <paramref name="decodeHeaders"/> also read what ParseBenchmarks.HeadersDecoded reads: every
    /// field's DecodedValue, From, To, Cc, References, Date and Message-ID.
    /// </summary>
    private static Func<ReadOnlyMemory<byte>, int> CompileParse(Assembly assembly, bool decodeHeaders)
    {
        var options = Type(assembly, "MimeParserOptions");
        var parse = Type(assembly, "MimeParser").GetMethod("Parse", [typeof(ReadOnlyMemory<byte>), options])!;
        var data = Expression.Parameter(typeof(ReadOnlyMemory<byte>), "data");
        var message = Expression.Variable(parse.ReturnType, "message");
        var headers = Expression.Variable(parse.ReturnType.GetProperty("Headers")!.PropertyType, "headers");
        var index = Expression.Variable(typeof(int), "index");
        var total = Expression.Variable(typeof(int), "total");
        var done = Expression.Label("done");

        var body = new List<Expression>
        {
            Expression.Assign(message, Expression.Call(parse, data, Expression.Constant(null, options))),
            Expression.Assign(headers, Expression.Property(message, "Headers")),
            Expression.Assign(total, Expression.Property(headers, "Count")),
        };
        if (decodeHeaders)
        {
            var header = Expression.Property(headers, "Item", index);
            body.Add(Expression.Loop(
                Expression.IfThenElse(
                    Expression.LessThan(index, Expression.Property(headers, "Count")),
                    Expression.Block(
                        Expression.AddAssign(total, Expression.Property(Expression.Property(header, "DecodedValue"), "Length")),
                        Expression.PostIncrementAssign(index)),
                    Expression.Break(done)),
                done));
            foreach (var list in new[] { "From", "To", "Cc", "References" })
            {
                body.Add(Expression.AddAssign(total, Count(Expression.Property(message, list))));
            }

            body.Add(Expression.AddAssign(total, Expression.Condition(
                Expression.Property(Expression.Property(message, "Date"), "HasValue"), Expression.Constant(1), Expression.Constant(0))));
            body.Add(Expression.AddAssign(total, Expression.Property(Expression.Property(message, "MessageId"), "Length")));
        }

        body.Add(total);
        return Expression.Lambda<Func<ReadOnlyMemory<byte>, int>>(Expression.Block([message, headers, index, total], body), data).Compile();
    }

    /// <summary>The Count of an IReadOnlyList&lt;T&gt;, which is declared on IReadOnlyCollection&lt;T&gt;.</summary>
    private static MemberExpression Count(Expression list)
    {
        var element = list.Type.GetGenericArguments()[0];
        return Expression.Property(list, typeof(IReadOnlyCollection<>).MakeGenericType(element).GetProperty("Count")!);
    }

    private sealed class Config : ManualConfig
    {
        public Config() => Orderer = new MethodFirstOrderer();
    }

    /// <summary>Runs each benchmark on the baseline and then at once on the current library, instead of all of one first.</summary>
    private sealed class MethodFirstOrderer : IOrderer
    {
        private readonly IOrderer _default = DefaultOrderer.Instance;

        public bool SeparateLogicalGroups => _default.SeparateLogicalGroups;

        public IEnumerable<BenchmarkCase> GetExecutionOrder(
            ImmutableArray<BenchmarkCase> benchmarksCase, IEnumerable<BenchmarkLogicalGroupRule>? order = null) =>
            benchmarksCase.OrderBy(c => c.Descriptor.MethodIndex).ThenBy(c => c.Parameters.DisplayInfo, StringComparer.Ordinal);

        public IEnumerable<BenchmarkCase> GetSummaryOrder(ImmutableArray<BenchmarkCase> benchmarksCases, Summary summary) =>
            _default.GetSummaryOrder(benchmarksCases, summary);

        public string? GetHighlightGroupKey(BenchmarkCase benchmarkCase) => _default.GetHighlightGroupKey(benchmarkCase);

        public string? GetLogicalGroupKey(ImmutableArray<BenchmarkCase> allBenchmarksCases, BenchmarkCase benchmarkCase) =>
            _default.GetLogicalGroupKey(allBenchmarksCases, benchmarkCase);

        public IEnumerable<IGrouping<string, BenchmarkCase>> GetLogicalGroupOrder(
            IEnumerable<IGrouping<string, BenchmarkCase>> logicalGroups, IEnumerable<BenchmarkLogicalGroupRule>? order = null) =>
            _default.GetLogicalGroupOrder(logicalGroups, order);
    }
}
