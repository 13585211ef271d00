namespace ServerlessMail.Storage.Aws;

/// <summary>Where the AWS store keeps its data, and how it behaves. Every default is here.</summary>
public sealed class AwsStorageOptions
{
    public required string TableName { get; init; }

    public required string BucketName { get; init; }

    /// <summary>
    /// Create the table (and the bucket) when missing. For tests, stand-ins and first runs; a deployed stack creates
    /// them with CloudFormation and leaves this off, so a wrong name fails at start instead of making a new table.
    /// </summary>
    public bool CreateIfMissing { get; init; }

    /// <summary>How long <see cref="DynamoMailStore.InitializeAsync"/> waits for a new table to become active.</summary>
    public TimeSpan TableActiveTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a write that lost a race (a folder's UIDNEXT moved, a transaction conflict) keeps retrying before it
    /// gives up with <see cref="MailStoreError.Unavailable"/>.
    /// </summary>
    public TimeSpan ContentionBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The key that signs listing cursors. Without one, a key derived from the table name is used: cursors still
    /// reject edits and other listings' cursors, but anyone who knows the table name could forge one (which only
    /// moves them within a listing they may already read).
    /// </summary>
    public string? CursorSecret { get; init; }

    /// <summary>
    /// S3 aws-chunked uploads (the SDK default). Turn it off for stand-ins such as s3rver, which store chunked bodies
    /// verbatim, together with the client settings of <see cref="AwsClientConfigs.S3"/>; real S3 decodes them.
    /// </summary>
    public bool UseChunkEncoding { get; init; } = true;
}
