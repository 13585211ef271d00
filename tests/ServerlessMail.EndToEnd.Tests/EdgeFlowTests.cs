using System.Globalization;
using System.Text.Json;
using Amazon.S3.Model;
using ServerlessMail.Core;
using ServerlessMail.Storage.Aws;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>
/// The serverless flow's first steps against dynalite and s3rver (issue 7, steps 1–3): the real
/// <c>serverlessmail serve --role edge --store aws</c> accepts mail over SMTP and only writes it (raw object in S3, the
/// accepted record in DynamoDB); the ingest handler, run with <c>serverlessmail invoke ingest</c> on
/// events/s3-put-raw-inbound.json with the object's bucket and key, delivers it; IMAP on the edge then reads it.
/// </summary>
[Collection(AwsStandInsGroup.Name)]
public sealed class EdgeFlowTests(AwsStandIns standIns)
{
    [Fact]
    public async Task TheEdgeAcceptsMail_TheIngestHandlerDeliversIt_AndImapOnTheEdgeReadsIt()
    {
        var name = "edge-" + Guid.NewGuid().ToString("N")[..12];
        var environment = Environment(name);
        string[] store = ["--store", "aws", "--aws-table", name, "--aws-bucket", name, "--aws-create-missing"];
        await ChildProcess.CliAsync(environment, ["inbox", "create", "alice@edge.test", .. store]);
        var token = (await ChildProcess.CliAsync(environment, ["token", "create", "--inbox", "alice@edge.test", "--permissions", "read", .. store])).Split('\n')[0].Trim();
        await using var server = await ServeProcess.StartAsync(["--role", "edge", .. store], environment);
        Assert.Null(server.Api);

        var inbound = await SmtpClient.DeliverInboundAsync(server, "sender@remote.test", Operator.Message("sender@remote.test", "alice@edge.test", "Through the edge"), "alice@edge.test");
        Assert.True(inbound.Ok, $"{inbound.Code} {inbound.Reply}\n{server.Log}");

        // Step 1: the raw object under raw/ and the accepted record; nothing delivered by the edge itself.
        using var dynamo = standIns.CreateDynamoDb();
        await using var reader = new StoreReader(new DynamoMailStore(dynamo, new AwsStorageOptions { TableName = name, BucketName = name }, TimeProvider.System));
        var accepted = Assert.Single(await reader.Store.ListDueAcceptedAsync(DateTimeOffset.UtcNow.AddMinutes(5), 10));
        using var s3 = standIns.CreateS3();
        var raw = Assert.Single((await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = name, Prefix = "raw/" })).S3Objects);
        Assert.Equal(accepted.BlobKey, raw.Key);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(await reader.MessagesAsync("alice@edge.test", "INBOX"));

        // Step 2: the S3 event from the events/ template, with this bucket and key, through the real ingest handler.
        var eventFile = Path.Combine(server.DataDirectory, "s3-put.json");
        await File.WriteAllTextAsync(eventFile, S3Event(name, raw.Key, raw.Size ?? 0));
        var response = JsonDocument.Parse(await ChildProcess.CliAsync(environment, "invoke", "ingest", "--event", eventFile)).RootElement;
        Assert.Empty(response.GetProperty("batchItemFailures").EnumerateArray());
        Assert.Equal("Through the edge", Assert.Single(await reader.MessagesAsync("alice@edge.test", "INBOX")).Summary.Subject);

        // Step 3: IMAP on the edge reads what the function delivered (imaplib, as a mail client would).
        var script = Path.Combine(AppContext.BaseDirectory, "Scripts", "imap_flag.py");
        var (exitCode, output, error) = await ChildProcess.RunAsync(
            "python3",
            [script, server.Imaps.Address.ToString(), server.Imaps.Port.ToString(CultureInfo.InvariantCulture), server.CertificatePath, "alice@edge.test", token, "Through the edge"]);
        Assert.True(exitCode == 0, $"imap_flag.py failed ({exitCode}): {error}\nserver log:\n{server.Log}");
        Assert.Equal("Through the edge", JsonDocument.Parse(output.Trim()).RootElement.GetProperty("subject").GetString());

        Assert.Equal(0, await server.StopAsync());
    }

    [Fact]
    public async Task Invoke_RunsTheAuthorizerOnItsEventFile_AgainstTheStandIns()
    {
        var name = "auth-" + Guid.NewGuid().ToString("N")[..12];
        var environment = Environment(name);
        // A new domain's first inbox comes with its account and admin token; the event's route names that inbox.
        using var inbox = JsonDocument.Parse(await ChildProcess.CliAsync(environment, "inbox", "create", "agent@authz.test", "--json", "--aws-create-missing"));
        var token = inbox.RootElement.GetProperty("createdAccount").GetProperty("adminToken").GetString()!;
        var template = await File.ReadAllTextAsync(Path.Combine(RepositoryLayout.Root, "events", "authorizer-request.json"));
        var valid = Path.Combine(Path.GetTempPath(), name + ".json");
        await File.WriteAllTextAsync(valid, template
            .Replace("sm_EXAMPLE", token, StringComparison.Ordinal)
            .Replace("inb_00000000000000000000000000", inbox.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal));
        try
        {
            var allowed = JsonDocument.Parse(await ChildProcess.CliAsync(environment, "invoke", "authorizer", "--event", valid)).RootElement;
            var refused = JsonDocument.Parse(await ChildProcess.CliAsync(environment, "invoke", "authorizer", "--event", Path.Combine(RepositoryLayout.Root, "events", "authorizer-request.json"))).RootElement;

            Assert.True(allowed.GetProperty("isAuthorized").GetBoolean(), allowed.ToString());
            Assert.False(refused.GetProperty("isAuthorized").GetBoolean());
        }
        finally
        {
            File.Delete(valid);
        }
    }

    /// <summary>The deploy contract's variables pointed at the stand-ins, with s3rver's credentials.</summary>
    private Dictionary<string, string> Environment(string name) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = "S3RVER",
        ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
        ["SERVERLESSMAIL_STORE"] = "aws",
        ["SERVERLESSMAIL_AWS_TABLE"] = name,
        ["SERVERLESSMAIL_AWS_BUCKET"] = name,
        ["SERVERLESSMAIL_DYNAMODB_ENDPOINT"] = standIns.DynamoDbUrl.ToString(),
        ["SERVERLESSMAIL_S3_ENDPOINT"] = standIns.S3Url.ToString(),
    };

    /// <summary>events/s3-put-raw-inbound.json with this bucket, key and size, as S3 would send it.</summary>
    private static string S3Event(string bucket, string key, long size)
    {
        var template = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "events", "s3-put-raw-inbound.json"));
        return template
            .Replace("\"name\": \"serverlessmail-mail-123456789012\"", $"\"name\": \"{bucket}\"", StringComparison.Ordinal)
            .Replace("raw/2026/12/04/ing_00000000000000000000000000.eml", key, StringComparison.Ordinal)
            .Replace("\"size\": 1432", $"\"size\": {size.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal);
    }
}
