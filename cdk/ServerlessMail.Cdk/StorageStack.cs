using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace ServerlessMail.Cdk;

/// <summary>
/// The data: one S3 bucket (raw messages) and one DynamoDB table (everything else), shaped as docs/storage.md and
/// Storage.Aws's TableSchema say. Its own stack because it lives longest: both are retained when the stack goes.
/// </summary>
public sealed class StorageStack : Stack
{
    /// <summary>Prefixes of BlobKeys (src/ServerlessMail.Core/Ingest): inbound raw mail, outbound mail, IMAP APPENDs.</summary>
    public const string RawPrefix = "raw/";
    public const string OutboundPrefix = "outbound/";
    public const string AppendedPrefix = "appended/";

    public StorageStack(Construct scope, string id, DeploySettings settings, IStackProps? props = null)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Bucket = new Bucket(this, "Mail", new BucketProps
        {
            Encryption = BucketEncryption.S3_MANAGED,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules =
            [
                new LifecycleRule { Id = "AbortIncompleteUploads", AbortIncompleteMultipartUploadAfter = Duration.Days(1) },
                // Messages are read rarely after their first days; Intelligent-Tiering moves cold ones without a retrieval fee.
                new LifecycleRule
                {
                    Id = "TierMessages",
                    Transitions = [new Transition { StorageClass = StorageClass.INTELLIGENT_TIERING, TransitionAfter = Duration.Days(30) }],
                },
            ],
        });

        if (settings.SesInbound == SesInbound.ReceiptRule)
        {
            // SES inbound writes to raw/ as the receipt rule's S3 action; only from this account's rules.
            Bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
            {
                Principals = [new ServicePrincipal("ses.amazonaws.com")],
                Actions = ["s3:PutObject"],
                Resources = [Bucket.ArnForObjects(RawPrefix + "*")],
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Aws.ACCOUNT_ID },
                },
            }));
        }

        Table = new Table(this, "Metadata", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "PK", Type = AttributeType.STRING },
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "SK", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            TimeToLiveAttribute = "ttl",
            Encryption = TableEncryption.AWS_MANAGED,
            DeletionProtection = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        Global("GSI1", "G1PK", "G1SK", ProjectionType.ALL);
        Global("GSI2", "G2PK", "G2SK", ProjectionType.KEYS_ONLY);
        Global("GSI3", "G3PK", "G3SK", ProjectionType.KEYS_ONLY);
        Table.AddLocalSecondaryIndex(new LocalSecondaryIndexProps
        {
            IndexName = "LSI1",
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "ms", Type = AttributeType.NUMBER },
            ProjectionType = ProjectionType.ALL,
        });

        _ = new CfnOutput(this, "BucketName", new CfnOutputProps { Value = Bucket.BucketName, Description = "--aws-bucket / SERVERLESSMAIL_AWS_BUCKET" });
        _ = new CfnOutput(this, "TableName", new CfnOutputProps { Value = Table.TableName, Description = "--aws-table / SERVERLESSMAIL_AWS_TABLE" });
    }

    public Bucket Bucket { get; }

    public Table Table { get; }

    private void Global(string name, string partitionKey, string sortKey, ProjectionType projection) =>
        Table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = name,
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = partitionKey, Type = AttributeType.STRING },
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = sortKey, Type = AttributeType.STRING },
            ProjectionType = projection,
        });
}
