using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;

namespace ServerlessMail.Cdk;

/// <summary>
/// Least-privilege grants on the mail bucket: named actions (never <c>s3:*</c> or <c>s3:GetObject*</c>, which CDK's
/// GrantRead would add) on the key prefixes a component touches. The table's grants are CDK's GrantReadData /
/// GrantReadWriteData, whose actions are all named.
/// </summary>
internal static class DataAccess
{
    public static void GrantObjects(IGrantable grantee, IBucket bucket, IReadOnlyList<string> actions, params string[] prefixes)
    {
        GrantOpen(grantee, bucket);
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = [.. actions],
            Resources = [.. prefixes.Select(prefix => bucket.ArnForObjects(prefix + "*"))],
        }));
    }

    /// <summary>
    /// Opening the AWS store checks the bucket with a one-key ListObjectsV2 (S3BlobStore.InitializeAsync), which needs
    /// s3:ListBucket on the bucket itself: every component that opens the store gets it, even one that reads no object.
    /// </summary>
    public static void GrantOpen(IGrantable grantee, IBucket bucket) =>
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [bucket.BucketArn],
        }));

    public static readonly string[] Read = ["s3:GetObject"];
    public static readonly string[] ReadWrite = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"];
}
