using Amazon;
using Amazon.DynamoDBv2;
using Amazon.S3;
using ServerlessMail.Core;
using ServerlessMail.Storage.Aws;
using ServerlessMail.Storage.Local;

namespace ServerlessMail.Hosting;

/// <summary>
/// A mail store opened from <see cref="StoreOptions"/>, initialised and ready, with what it holds open. The server and
/// the operator commands both open the store this way; the embedded one tolerates both at once (SQLite WAL, and its
/// blob store leaves a running writer's temp files alone).
/// </summary>
public sealed class OpenedStore : IAsyncDisposable
{
    private readonly IAsyncDisposable? _local;
    private readonly IDisposable[] _clients;

    private OpenedStore(IMailStore store, IBlobStore blobs, IAmazonS3? s3, IAsyncDisposable? local, params IDisposable[] clients)
    {
        Store = store;
        Blobs = blobs;
        S3 = s3;
        _local = local;
        _clients = clients;
    }

    public IMailStore Store { get; }

    public IBlobStore Blobs { get; }

    /// <summary>The AWS store's S3 client (its endpoint, region and credentials); null on the embedded store.</summary>
    public IAmazonS3? S3 { get; }

    /// <summary>A human description for the startup log: the path or the table and bucket, never credentials.</summary>
    public required string Description { get; init; }

    public static async Task<OpenedStore> OpenAsync(StoreOptions options, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        return options.Kind == StoreKind.Aws
            ? await OpenAwsAsync(options, clock, cancellationToken).ConfigureAwait(false)
            : await OpenLocalAsync(options, clock, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_local is not null)
        {
            await _local.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private static async Task<OpenedStore> OpenLocalAsync(StoreOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.DataDirectory);
        var local = new LocalStorageOptions { DataDirectory = directory, Fsync = options.Fsync };
        var store = new LocalMailStore(local, clock);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var blobs = new LocalBlobStore(local);
            return new OpenedStore(store, blobs, null, store) { Description = $"embedded store in {directory}" + (options.Fsync ? string.Empty : " (fsync off)") };
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<OpenedStore> OpenAwsAsync(StoreOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var aws = new AwsStorageOptions
        {
            TableName = options.AwsTable,
            BucketName = options.AwsBucket ?? throw new OptionsException("The AWS store needs a bucket."),
            CreateIfMissing = options.AwsCreateMissing,

            // A custom S3 endpoint is a stand-in (s3rver) that stores aws-chunked bodies verbatim; real S3 decodes them.
            UseChunkEncoding = options.S3Endpoint is null,
        };
        var dynamoConfig = options.DynamoDbEndpoint is { } dynamoUrl
            ? AwsClientConfigs.DynamoDb(dynamoUrl, options.AwsRegion)
            : new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(options.AwsRegion) };
        var s3Config = options.S3Endpoint is { } s3Url
            ? AwsClientConfigs.S3(s3Url, options.AwsRegion)
            : new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(options.AwsRegion) };
        var dynamo = new AmazonDynamoDBClient(dynamoConfig);
        var s3 = new AmazonS3Client(s3Config);
        try
        {
            var store = new DynamoMailStore(dynamo, aws, clock);
            var blobs = new S3BlobStore(s3, aws);
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await blobs.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return new OpenedStore(store, blobs, s3, null, dynamo, s3) { Description = $"AWS store: table {aws.TableName}, bucket {aws.BucketName}, region {options.AwsRegion}" };
        }
        catch
        {
            dynamo.Dispose();
            s3.Dispose();
            throw;
        }
    }
}
