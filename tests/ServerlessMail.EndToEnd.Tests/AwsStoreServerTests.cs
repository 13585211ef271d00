using ServerlessMail.Core;
using ServerlessMail.Storage.Aws;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>
/// The real <c>serverlessmail serve</c> on the AWS store (<c>--store aws</c>) against dynalite and s3rver: the
/// composition the edge container runs, with the operator commands on the same table and bucket.
/// </summary>
[Collection(AwsStandInsGroup.Name)]
public sealed class AwsStoreServerTests(AwsStandIns standIns)
{
    private static readonly Dictionary<string, string> Credentials = new()
    {
        ["AWS_ACCESS_KEY_ID"] = "S3RVER",
        ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
    };

    [Fact]
    public async Task ServeOnTheAwsStore_DeliversInboundMailAndSendsFromOneInboxToAnother()
    {
        var name = "e2e-" + Guid.NewGuid().ToString("N")[..12];
        string[] store =
        [
            "--store", "aws", "--aws-table", name, "--aws-bucket", name, "--aws-create-missing",
            "--dynamodb-endpoint", standIns.DynamoDbUrl.ToString(), "--s3-endpoint", standIns.S3Url.ToString(),
        ];
        await using var server = await ServeProcess.StartAsync(store, Credentials);
        await ChildProcess.CliAsync(Credentials, ["inbox", "create", "alice@aws.test", .. store]);
        await ChildProcess.CliAsync(Credentials, ["inbox", "create", "bob@aws.test", .. store]);
        var token = (await ChildProcess.CliAsync(Credentials, ["token", "create", "--inbox", "alice@aws.test", "--permissions", "send", .. store])).Split('\n')[0].Trim();

        var inbound = await SmtpClient.DeliverInboundAsync(server, "sender@remote.test", Operator.Message("sender@remote.test", "alice@aws.test", "Into DynamoDB"), "alice@aws.test");
        var submitted = await SmtpClient.SubmitAsync(server, "alice@aws.test", token, Operator.Message("alice@aws.test", "bob@aws.test", "Across the table"), "bob@aws.test");

        Assert.True(inbound.Ok, $"{inbound.Code} {inbound.Reply}\n{server.Log}");
        Assert.True(submitted.Ok, $"{submitted.Code} {submitted.Reply}\n{server.Log}");
        using var dynamo = standIns.CreateDynamoDb();
        await using var reader = new StoreReader(new DynamoMailStore(dynamo, new AwsStorageOptions { TableName = name, BucketName = name }, TimeProvider.System));
        var aliceInbox = await StoreReader.EventuallyAsync(() => reader.MessagesAsync("alice@aws.test", "INBOX"), m => m.Count > 0, "alice's INBOX");
        Assert.Equal(("Into DynamoDB", "sender@remote.test"), (Assert.Single(aliceInbox).Summary.Subject, aliceInbox[0].Envelope.MailFrom));
        var bobInbox = await StoreReader.EventuallyAsync(() => reader.MessagesAsync("bob@aws.test", "INBOX"), m => m.Count > 0, "bob's INBOX");
        Assert.Equal("Across the table", Assert.Single(bobInbox).Summary.Subject);
        Assert.Equal("Across the table", Assert.Single(await reader.MessagesAsync("alice@aws.test", "Sent")).Summary.Subject);
        await StoreReader.EventuallyAsync(() => reader.OutboundAsync("alice@aws.test"), o => o.Count == 1 && o[0].Status == OutboundStatus.Delivered, "the outbound record to be delivered");

        using var s3 = standIns.CreateS3();
        var blobs = new S3BlobStore(s3, new AwsStorageOptions { TableName = name, BucketName = name, UseChunkEncoding = false });
        await using var raw = await blobs.OpenReadAsync(bobInbox[0].BlobKey);
        Assert.Contains("Subject: Across the table", await new StreamReader(raw).ReadToEndAsync(), StringComparison.Ordinal);

        Assert.Equal(0, await server.StopAsync());
    }
}
