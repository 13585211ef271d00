using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using ServerlessMail.Core;
using ServerlessMail.Storage.Aws;

namespace ServerlessMail.Storage.Benchmarks;

/// <summary>
/// The AWS store against dynalite and s3rver (tools/aws-standins, started once per run with node), a fresh table and
/// bucket per cell. Time here measures the stand-ins, not AWS; what carries over is the requests each message costs,
/// counted on the wire by operation, and the write units of what those requests write.
/// </summary>
internal sealed class AwsIngestTarget : IIngestBenchmarkTarget
{
    private static readonly Lazy<Task<StandIns>> Running = new(StandIns.StartAsync);

    public string Name => "aws";

    public async Task<IIngestBenchmarkStores> CreateAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var standIns = await Running.Value;
        var name = "bench-" + Guid.NewGuid().ToString("N")[..16];
        var options = new AwsStorageOptions { TableName = name, BucketName = name, CreateIfMissing = true, UseChunkEncoding = false };
        var counter = new RequestCounter();
        var dynamo = new AmazonDynamoDBClient(StandIns.Credentials, Configure(AwsClientConfigs.DynamoDb(standIns.DynamoDb), counter));
        var s3 = new AmazonS3Client(StandIns.Credentials, Configure(AwsClientConfigs.S3(standIns.S3), counter));
        var blobs = new S3BlobStore(s3, options);
        await blobs.InitializeAsync(cancellationToken);
        return new Stores(new DynamoMailStore(dynamo, options, TimeProvider.System), blobs, dynamo, s3, counter, name);
    }

    private static T Configure<T>(T config, RequestCounter counter)
        where T : ClientConfig
    {
        config.HttpClientFactory = counter;
        return config;
    }

    private sealed class Stores(DynamoMailStore store, S3BlobStore blobs, AmazonDynamoDBClient dynamo, AmazonS3Client s3, RequestCounter counter, string tableName)
        : IIngestBenchmarkStores
    {
        private IReadOnlyDictionary<string, long>? _before;
        private (long Write, long Read) _unitsBefore;

        public IMailStore Store => store;

        public IBlobStore Blobs => blobs;

        /// <summary>Read at the start and the end of the cell; the first read also marks where the per-operation counts start.</summary>
        public long? Requests
        {
            get
            {
                if (_before is null)
                {
                    _before = counter.Snapshot();
                    _unitsBefore = counter.Units;
                }

                return counter.Total;
            }
        }

        public string? Describe(long messages)
        {
            var now = counter.Snapshot();
            var perMessage = now
                .Select(kv => (kv.Key, Count: kv.Value - (_before?.GetValueOrDefault(kv.Key) ?? 0)))
                .Where(kv => kv.Count > 0)
                .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Count / (double)Math.Max(1, messages):F2}"));
            var (write, read) = counter.Units;
            var divisor = 10.0 * Math.Max(1, messages);
            return string.Create(
                CultureInfo.InvariantCulture,
                $"per message: {string.Join(", ", perMessage)}; ~{(write - _unitsBefore.Write) / divisor:F1} WRU, ~{(read - _unitsBefore.Read) / divisor:F1} RRU");
        }

        public async ValueTask DisposeAsync()
        {
            await dynamo.DeleteTableAsync(tableName);
            dynamo.Dispose();
            s3.Dispose();
        }
    }

    /// <summary>Counts requests by operation (DynamoDB's X-Amz-Target, S3's method) and the request units they use.</summary>
    private sealed class RequestCounter : HttpClientFactory
    {
        private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
        private long _total;
        // Tenths of a unit: an eventually consistent read is half a read unit.
        private long _writeUnits;
        private long _readUnits;

        public long Total => Interlocked.Read(ref _total);

        public (long Write, long Read) Units => (Interlocked.Read(ref _writeUnits), Interlocked.Read(ref _readUnits));

        public Dictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Handler(this));

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        private sealed class Handler(RequestCounter counter) : DelegatingHandler(new HttpClientHandler())
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                string operation;
                if (request.Headers.TryGetValues("X-Amz-Target", out var targets))
                {
                    operation = targets.First().Split('.')[^1];
                    if (request.Content is not null)
                    {
                        var (write, read) = RequestUnits.Of(operation, await request.Content.ReadAsByteArrayAsync(cancellationToken));
                        Interlocked.Add(ref counter._writeUnits, write);
                        Interlocked.Add(ref counter._readUnits, read);
                    }
                }
                else
                {
                    operation = "S3 " + request.Method.Method + (request.Headers.Range is not null ? " (range)" : "");
                }

                counter._counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
                Interlocked.Increment(ref counter._total);
                return await base.SendAsync(request, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The request units a DynamoDB request uses, in tenths, from what it sends: a put is its item's size in KB
    /// (rounded up), doubled in a transaction; an update, delete or condition check is counted as one unit (doubled
    /// in a transaction), since every item this path updates or deletes is under 1 KB; a strongly consistent read of
    /// an item, or a query page, is one read unit (everything this path reads is under 4 KB).
    /// </summary>
    private static class RequestUnits
    {
        public static (long Write, long Read) Of(string operation, byte[] body)
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            switch (operation)
            {
                case "PutItem":
                    return (10 * Kb(root.GetProperty("Item")), 0);
                case "UpdateItem" or "DeleteItem":
                    return (10, 0);
                case "TransactWriteItems":
                    long units = 0;
                    foreach (var entry in root.GetProperty("TransactItems").EnumerateArray())
                    {
                        units += 2 * (entry.TryGetProperty("Put", out var put) ? Kb(put.GetProperty("Item")) : 1);
                    }

                    return (10 * units, 0);
                case "BatchWriteItem":
                    long batch = 0;
                    foreach (var table in root.GetProperty("RequestItems").EnumerateObject())
                    {
                        foreach (var request in table.Value.EnumerateArray())
                        {
                            batch += request.TryGetProperty("PutRequest", out var put) ? Kb(put.GetProperty("Item")) : 1;
                        }
                    }

                    return (10 * batch, 0);
                case "GetItem":
                    return (0, root.TryGetProperty("ConsistentRead", out var consistent) && consistent.GetBoolean() ? 10 : 5);
                case "Query":
                    return (0, root.TryGetProperty("ConsistentRead", out var strong) && strong.GetBoolean() ? 10 : 5);
                case "BatchGetItem":
                    return (0, 10 * root.GetProperty("RequestItems").EnumerateObject().Sum(t => t.Value.GetProperty("Keys").GetArrayLength()));
                default:
                    return (0, 0);
            }
        }

        private static long Kb(JsonElement item) => Math.Max(1, (Size(item) + 1023) / 1024);

        /// <summary>DynamoDB's item size: attribute names plus values (numbers about half their digits).</summary>
        private static long Size(JsonElement map) =>
            map.EnumerateObject().Sum(a => Encoding.UTF8.GetByteCount(a.Name) + Value(a.Value));

        private static long Value(JsonElement value)
        {
            var (type, content) = value.EnumerateObject().First() is var p ? (p.Name, p.Value) : default;
            return type switch
            {
                "S" => Encoding.UTF8.GetByteCount(content.GetString()!),
                "N" => (content.GetString()!.Length / 2) + 1,
                "B" => content.GetString()!.Length * 3 / 4,
                "L" => 3 + content.EnumerateArray().Sum(v => 1 + Value(v)),
                "M" => 3 + Size(content),
                _ => 1,
            };
        }
    }

    /// <summary>dynalite and s3rver from tools/aws-standins, started once and stopped when the benchmark exits.</summary>
    private sealed class StandIns
    {
        public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("S3RVER", "S3RVER");

        public required Uri DynamoDb { get; init; }

        public required Uri S3 { get; init; }

        public static async Task<StandIns> StartAsync()
        {
            var folder = FindFolder();
            var process = Process.Start(new ProcessStartInfo("node", ["standins.js"])
            {
                WorkingDirectory = folder,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("node did not start.");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(5_000))
                {
                    process.Kill(entireProcessTree: true);
                }
            };
            var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The AWS stand-ins did not start (run npm ci in " + folder + ").");
            using var ports = JsonDocument.Parse(line);
            return new StandIns
            {
                DynamoDb = new Uri("http://127.0.0.1:" + ports.RootElement.GetProperty("dynamodb").GetInt32().ToString(CultureInfo.InvariantCulture)),
                S3 = new Uri("http://127.0.0.1:" + ports.RootElement.GetProperty("s3").GetInt32().ToString(CultureInfo.InvariantCulture)),
            };
        }

        private static string FindFolder()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tools", "aws-standins");
                if (File.Exists(Path.Combine(candidate, "node_modules", "dynalite", "package.json")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("tools/aws-standins with its node_modules was not found (tests/setup.sh runs npm ci there).");
        }
    }
}
