using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using ServerlessMail.Core;
using ServerlessMail.Storage.Aws;
using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Aws;

/// <summary>A fresh table and bucket, with unique names, on the shared stand-ins; the table is dropped at the end.</summary>
public sealed class AwsStoreHarness : StoreHarness
{
    private readonly AmazonDynamoDBClient _dynamo;
    private readonly AmazonS3Client _s3;

    private AwsStoreHarness(AwsStandIns standIns, RequestHook? hook)
    {
        var name = "mail-" + Guid.NewGuid().ToString("N")[..16];
        Options = new AwsStorageOptions { TableName = name, BucketName = name, CreateIfMissing = true, UseChunkEncoding = false };
        _dynamo = standIns.CreateDynamoDb(config => config.HttpClientFactory = hook);
        _s3 = standIns.CreateS3();
        DynamoStore = new DynamoMailStore(_dynamo, Options, Clock);
        S3 = new S3BlobStore(_s3, Options);
    }

    public AwsStorageOptions Options { get; }

    public DynamoMailStore DynamoStore { get; }

    public S3BlobStore S3 { get; }

    public IAmazonDynamoDB DynamoDb => _dynamo;

    public IAmazonS3 S3Client => _s3;

    public override IMailStore Store => DynamoStore;

    public override IBlobStore Blobs => S3;

    public override string Backend => "aws";

    public static async Task<StoreHarness> CreateAsync(AwsStandIns standIns) => await CreateAwsAsync(standIns);

    /// <summary>A harness whose DynamoDB requests pass <paramref name="hook"/>, when given.</summary>
    public static async Task<AwsStoreHarness> CreateAwsAsync(AwsStandIns standIns, RequestHook? hook = null)
    {
        var harness = new AwsStoreHarness(standIns, hook);
        await harness.S3.InitializeAsync();
        return harness;
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await _dynamo.DeleteTableAsync(new DeleteTableRequest { TableName = Options.TableName });
        }
        catch (ResourceNotFoundException)
        {
            // The test never initialized the store.
        }

        _dynamo.Dispose();
        _s3.Dispose();
    }
}
