using ServerlessMail.Core;
using ServerlessMail.Storage.Aws;
using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Aws;

/// <summary>
/// Cursors are signed with the configured secret: every instance that shares it (Lambda functions, edge tasks) reads
/// the others' cursors, and a store with another secret refuses them.
/// </summary>
[Collection(AwsStandInsGroup.Name)]
public sealed class AwsCursorTests(AwsStandIns standIns) : IAsyncLifetime
{
    private AwsStoreHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await AwsStoreHarness.CreateAwsAsync(standIns);
        await _harness.Store.InitializeAsync();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ACursorWorksOnEveryInstanceWithTheSameSecretAndNowhereElse()
    {
        var mailbox = await _harness.SeedMailboxAsync();
        for (var i = 0; i < 3; i++)
        {
            await _harness.AppendAsync(mailbox);
        }

        var first = new DynamoMailStore(_harness.DynamoDb, WithSecret("shared-secret"), _harness.Clock);
        var second = new DynamoMailStore(_harness.DynamoDb, WithSecret("shared-secret"), _harness.Clock);
        var stranger = new DynamoMailStore(_harness.DynamoDb, WithSecret("another-secret"), _harness.Clock);
        var page = await first.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, new PageRequest(2));

        var next = await second.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, new PageRequest(2, page.NextCursor));

        Assert.Equal([1u], next.Items.Select(m => m.Uid));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor,
            () => stranger.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, new PageRequest(2, page.NextCursor)));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor,
            () => _harness.Store.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, new PageRequest(2, page.NextCursor)));
    }

    private AwsStorageOptions WithSecret(string secret) =>
        new() { TableName = _harness.Options.TableName, BucketName = _harness.Options.BucketName, CursorSecret = secret };
}
