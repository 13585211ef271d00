using Amazon.Runtime;
using Amazon.S3;

namespace ServerlessMail.Storage.Aws;

/// <summary>
/// Client settings for a custom endpoint: the dynalite and s3rver stand-ins in tests, or any S3/DynamoDB-compatible
/// service given to <c>--store aws</c>. Real AWS needs none of this: the SDK's defaults are right there.
/// </summary>
public static class AwsClientConfigs
{
    public static AmazonDynamoDBConfig DynamoDb(Uri serviceUrl, string region = "us-east-1")
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        return new AmazonDynamoDBConfig
        {
            ServiceURL = serviceUrl.ToString(),
            AuthenticationRegion = region,
            // Conflicts and conditional failures are handled by the store; the SDK retries only transport errors.
            MaxErrorRetry = 3,
        };
    }

    /// <summary>
    /// S3 by path (<c>http://host/bucket/key</c>: a stand-in has no per-bucket DNS names), and checksums only where S3
    /// requires them: with the SDK v4 default (WHEN_SUPPORTED) every upload carries a CRC trailer in an aws-chunked
    /// body, which s3rver stores verbatim instead of decoding. Pair with <see cref="AwsStorageOptions.UseChunkEncoding"/>
    /// = false.
    /// </summary>
    public static AmazonS3Config S3(Uri serviceUrl, string region = "us-east-1")
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        return new AmazonS3Config
        {
            ServiceURL = serviceUrl.ToString(),
            AuthenticationRegion = region,
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 3,
        };
    }
}
