using ServerlessMail.Core;
using ServerlessMail.Relay.Tests;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.Functions.Tests;

[Collection(ServerlessStandIns.Name)]
public sealed class RelayFunctionTests(AwsStandIns aws, SesLocal ses) : ServerlessTest(aws, ses)
{
    [Fact]
    public async Task TheOutboundObjectsEventSendsItThroughSesOnceHoweverOftenItComes()
    {
        var raw = ServerlessWorld.Mail("alice@example.com", "bob@remote.example", "Relayed once");
        var submitted = await World.Host.Outbound.SubmitAsync(World.Sender, World.Inbox, new MemoryStream(raw), "alice@example.com", ["bob@remote.example"], null);
        var key = submitted.Outbound!.BlobKey;

        await World.Relay().HandleAsync(World.S3Event("s3-put-outbound.json", key, raw.Length));
        await World.Relay().HandleAsync(World.S3Event("s3-put-outbound.json", key, raw.Length));

        var email = Assert.Single(await Ses.EmailsAsync());
        Assert.Equal("Relayed once", email.GetProperty("subject").GetString());
        var record = await World.Host.Store.GetOutboundAsync(submitted.Outbound.Id);
        Assert.Equal((OutboundStatus.Sent, 1), (record!.Status, record.Attempts));
        Assert.Equal(email.GetProperty("messageId").GetString(), record.ProviderMessageId);
        Assert.Equal(record.Id, (await World.Host.Store.FindOutboundByProviderIdAsync(record.ProviderMessageId!))?.Id);
    }

    [Fact]
    public async Task CleanedCopiesAndRefusedSubmissionsAreIgnoredAndARecordNotYetWrittenIsRetried()
    {
        var response = await ServerlessWorld.ReadAsync(await World.Relay().HandleAsync(
            World.S3Event("s3-put-outbound.json", RelayWorker.CleanedKey("outbound/2026/12/04/out_00000000000000000000000000.eml"), 10)));
        Assert.Empty(response["batchItemFailures"]!.AsArray());

        // A submission refused after its blob was written deletes the blob: nothing to send, nothing to retry.
        var missing = BlobKeys.Outbound(Ids.New(Ids.Outbound, World.Clock), World.Clock.GetUtcNow());
        await World.Relay().HandleAsync(World.S3Event("s3-put-outbound.json", missing, 10));

        // The blob is written before the record (the submission order): the event can win that race, and is retried.
        var early = BlobKeys.Outbound(Ids.New(Ids.Outbound, World.Clock), World.Clock.GetUtcNow());
        await World.Host.Blobs.PutAsync(early, new MemoryStream(ServerlessWorld.Mail("alice@example.com", "bob@remote.example", "Early")));
        var failure = await Assert.ThrowsAsync<PartialBatchFailureException>(() => World.Relay().HandleAsync(World.S3Event("s3-put-outbound.json", early, 10)));
        Assert.Equal([early], failure.FailedItems);
        Assert.Empty(await Ses.EmailsAsync());
    }
}
