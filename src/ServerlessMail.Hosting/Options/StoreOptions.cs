namespace ServerlessMail.Hosting;

public enum StoreKind
{
    /// <summary>SQLite and message files under the data directory: the default on one machine.</summary>
    Local,

    /// <summary>DynamoDB and S3 (or stand-ins such as dynalite and s3rver at custom endpoints).</summary>
    Aws,
}

/// <summary>Where mail is kept. The server and the operator commands bind the same settings, so they open the same store.</summary>
public sealed record StoreOptions
{
    public const string DefaultDataDirectory = "data";

    /// <summary>The embedded store's files, and the self-signed certificate (<c>tls/</c>) whatever the store.</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory;

    public StoreKind Kind { get; init; } = StoreKind.Local;

    /// <summary>Embedded store: fsync every commit and message file. Off only for throwaway data.</summary>
    public bool Fsync { get; init; } = true;

    public string AwsTable { get; init; } = "serverlessmail";

    /// <summary>Required with <see cref="StoreKind.Aws"/>: bucket names are global, so there is no safe default.</summary>
    public string? AwsBucket { get; init; }

    public string AwsRegion { get; init; } = "us-east-1";

    /// <summary>A DynamoDB-compatible endpoint (dynalite); null is the region's real endpoint.</summary>
    public Uri? DynamoDbEndpoint { get; init; }

    /// <summary>An S3-compatible endpoint (s3rver); null is the region's real endpoint.</summary>
    public Uri? S3Endpoint { get; init; }

    /// <summary>Create the table and bucket when missing (first runs and stand-ins; a deployed stack creates them).</summary>
    public bool AwsCreateMissing { get; init; }
}
