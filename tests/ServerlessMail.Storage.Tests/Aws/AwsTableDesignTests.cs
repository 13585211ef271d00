using Amazon.DynamoDBv2.Model;
using ServerlessMail.Core;
using ServerlessMail.Storage.Aws;
using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Aws;

/// <summary>What only the DynamoDB design has: the table it creates, TTL attributes, and items kept under 400 KB.</summary>
[Collection(AwsStandInsGroup.Name)]
public sealed class AwsTableDesignTests(AwsStandIns standIns) : IAsyncLifetime
{
    private AwsStoreHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await AwsStoreHarness.CreateAwsAsync(standIns);
        await _harness.Store.InitializeAsync();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task TheCreatedTableIsOnDemandWithItsIndexesAndTtl()
    {
        var table = (await _harness.DynamoDb.DescribeTableAsync(_harness.Options.TableName)).Table;
        var ttl = (await _harness.DynamoDb.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = _harness.Options.TableName })).TimeToLiveDescription;

        Assert.Equal("PAY_PER_REQUEST", table.BillingModeSummary?.BillingMode?.Value ?? "PAY_PER_REQUEST");
        Assert.Equal(["GSI1", "GSI2", "GSI3"], table.GlobalSecondaryIndexes.Select(i => i.IndexName).Order());
        Assert.Equal(["LSI1"], table.LocalSecondaryIndexes.Select(i => i.IndexName));
        Assert.Equal(("ENABLED", "ttl"), (ttl.TimeToLiveStatus.Value, ttl.AttributeName));

        // Safe to call on every start.
        await _harness.Store.InitializeAsync();
    }

    [Fact]
    public async Task WithoutCreateIfMissingAMissingTableIsUnavailable()
    {
        var options = new AwsStorageOptions { TableName = _harness.Options.TableName + "-missing", BucketName = _harness.Options.BucketName };
        var store = new DynamoMailStore(_harness.DynamoDb, options, _harness.Clock);

        await StoreFixtures.AssertErrorAsync(MailStoreError.Unavailable, () => store.InitializeAsync());
        await StoreFixtures.AssertErrorAsync(MailStoreError.Unavailable, () => new S3BlobStore(_harness.S3Client, new AwsStorageOptions { TableName = options.TableName, BucketName = "missing-" + options.TableName }).InitializeAsync());
    }

    [Fact]
    public async Task QuotaBucketsAndIdempotencyRecordsCarryTheirExpiryForTtl()
    {
        var expires = _harness.Now().AddMinutes(10);
        await _harness.Store.TryChargeAsync([new QuotaCharge("send:account:acc_x:m:202611221000", 1, 5, expires)], "acc_x:req-1");

        var items = await ScanAsync();
        var withTtl = items.Where(i => i.ContainsKey("ttl")).ToList();

        Assert.Equal(2, withTtl.Count);
        Assert.All(withTtl, i => Assert.Equal(expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), i["ttl"].N));
        Assert.Contains(withTtl, i => i["PK"].S == "Q#send:account:acc_x:m:202611221000");
        Assert.Contains(withTtl, i => i["PK"].S.StartsWith("QI#", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMessageTooBigForOneItemIsSplitIntoChunksAndReadsBackWhole()
    {
        var mailbox = await _harness.SeedMailboxAsync();
        var prepared = await _harness.PrepareAsync(mailbox, mailbox.InboxFolder);
        var structure = new byte[ModelLimits.StructureBytes];
        new Random(7).NextBytes(structure);
        var recipients = Enumerable.Range(0, ModelLimits.AddressesPerField)
            .Select(i => new AddressSummary(new string('n', ModelLimits.DisplayName), $"{new string('a', 300)}{i}@example.com"))
            .ToList();
        var summary = prepared.Summary with { To = recipients, Cc = recipients };

        var stored = await _harness.Store.AppendAsync(prepared with { Structure = structure, Summary = summary });

        var partition = await QueryAsync("MSG#" + stored.Id);
        Assert.True(partition.Count >= 2, "The body needs chunk items beside it.");
        Assert.All(partition, item => Assert.True(ItemSize(item) < 400 * 1024, $"{item["SK"].S} is {ItemSize(item)} bytes."));
        var read = await _harness.Store.GetMessageAsync(stored.Id);
        MessageAssert.Same(stored, read);
        Assert.Equal(structure, read!.Structure.ToArray());
        MessageAssert.Same(stored, Assert.Single((await _harness.Store.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, new PageRequest())).Items));

        await _harness.Store.ExpungeAsync([stored.Id]);
        Assert.Empty(await QueryAsync("MSG#" + stored.Id));
    }

    [Fact]
    public async Task AnOrdinaryMessageIsOneSmallStateItemAndOneBodyItem()
    {
        var mailbox = await _harness.SeedMailboxAsync();
        var stored = await _harness.AppendAsync(mailbox);

        var body = Assert.Single(await QueryAsync("MSG#" + stored.Id));
        var state = Assert.Single(await QueryAsync("FLD#" + mailbox.InboxFolder.Id), i => i["SK"].S.StartsWith("M#", StringComparison.Ordinal));

        Assert.True(ItemSize(state) < 200, $"The state item is {ItemSize(state)} bytes; SELECT reads one per message.");
        Assert.True(ItemSize(body) < 4 * 1024, $"The body item is {ItemSize(body)} bytes.");
    }

    private async Task<List<Dictionary<string, AttributeValue>>> QueryAsync(string pk) =>
        (await _harness.DynamoDb.QueryAsync(new QueryRequest
        {
            TableName = _harness.Options.TableName,
            KeyConditionExpression = "PK = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = pk } },
            ConsistentRead = true,
        })).Items ?? [];

    private async Task<List<Dictionary<string, AttributeValue>>> ScanAsync() =>
        (await _harness.DynamoDb.ScanAsync(new ScanRequest { TableName = _harness.Options.TableName })).Items ?? [];

    /// <summary>DynamoDB's item size: the UTF-8 names plus the values (numbers and flags counted generously).</summary>
    private static long ItemSize(Dictionary<string, AttributeValue> item) =>
        item.Sum(a => System.Text.Encoding.UTF8.GetByteCount(a.Key) + ValueSize(a.Value));

    private static long ValueSize(AttributeValue value) =>
        value.S is { } s ? System.Text.Encoding.UTF8.GetByteCount(s)
        : value.N is { } n ? n.Length
        : value.B is { } b ? b.Length
        : value.L is { } l ? 3 + l.Sum(v => 1 + ValueSize(v))
        : value.M is { } m ? 3 + m.Sum(a => 1 + System.Text.Encoding.UTF8.GetByteCount(a.Key) + ValueSize(a.Value))
        : 1;
}
