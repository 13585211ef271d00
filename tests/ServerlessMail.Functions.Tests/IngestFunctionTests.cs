using ServerlessMail.Core;
using ServerlessMail.Relay.Tests;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.Functions.Tests;

[Collection(ServerlessStandIns.Name)]
public sealed class IngestFunctionTests(AwsStandIns aws, SesLocal ses) : ServerlessTest(aws, ses)
{
    [Fact]
    public async Task AnEdgeWrittenObjectIsDeliveredWithItsEnvelopeOnceEvenWhenTheEventRepeats()
    {
        var raw = ServerlessWorld.Mail("bob@remote.example", "someone-else@example.net", "Hello");
        var accepted = await World.IngestService.AcceptAsync(new MemoryStream(raw), new MessageEnvelope("bob@remote.example", ["alice@example.com"]));

        var first = await ServerlessWorld.ReadAsync(await World.Ingest().HandleAsync(World.S3Event("s3-put-raw-inbound.json", accepted.BlobKey, raw.Length)));
        await World.Ingest().HandleAsync(World.S3Event("s3-put-raw-inbound.json", accepted.BlobKey, raw.Length));

        Assert.Empty(first["batchItemFailures"]!.AsArray());
        var message = Assert.Single(await World.InboxMessagesAsync());
        Assert.Equal(("Hello", accepted.BlobKey), (message.Summary.Subject, message.BlobKey));
        Assert.Equal(IngestState.Delivered, (await World.Host.Store.GetAcceptedAsync(accepted.Id))!.State);
    }

    [Fact]
    public async Task AReceiptRuleObjectWithoutEnvelopeGoesToTheHostedToAndCcRecipients()
    {
        var carol = await World.AddInboxAsync("carol");
        var raw = ServerlessWorld.Mail("bob@remote.example", "Alice <alice@example.com>, dave@remote.example", "Via SES", cc: "carol@example.com, nobody@example.com");
        raw = [.. "Return-Path: <bounces@remote.example>\r\n"u8, .. raw];
        const string key = "raw/ses/3hd8s7f0r2q1example";
        await World.Host.Blobs.PutAsync(key, new MemoryStream(raw));

        await World.Ingest().HandleAsync(World.S3Event("s3-put-raw-inbound.json", key, raw.Length));
        await World.Ingest().HandleAsync(World.S3Event("s3-put-raw-inbound.json", key, raw.Length));

        Assert.Equal("Via SES", Assert.Single(await World.InboxMessagesAsync()).Summary.Subject);
        Assert.Equal("Via SES", Assert.Single(await World.InboxMessagesAsync(carol)).Summary.Subject);
        var accepted = await World.Host.Store.GetAcceptedAsync(BlobKeys.AcceptedIdFor(key));
        Assert.Equal("bounces@remote.example", accepted!.Envelope.MailFrom);
        Assert.Equal(["alice@example.com", "carol@example.com"], accepted.Envelope.Recipients);
        Assert.Equal(raw.Length, accepted.Size);
    }

    [Fact]
    public async Task AKeyWithSpacesArrivesEncodedAndIsDecoded()
    {
        var raw = ServerlessWorld.Mail("bob@remote.example", "alice@example.com", "Spaced");
        const string key = "raw/ses/with space+plus";
        await World.Host.Blobs.PutAsync(key, new MemoryStream(raw));
        var node = ServerlessWorld.Event("s3-put-raw-inbound.json");
        node["Records"]![0]!["s3"]!["object"]!["key"] = "raw/ses/with+space%2Bplus";

        await World.Ingest().HandleAsync(ServerlessWorld.Json(node));

        Assert.Equal("Spaced", Assert.Single(await World.InboxMessagesAsync()).Summary.Subject);
    }

    [Fact]
    public async Task AMissingObjectFailsTheEventSoLambdaRetriesItAndObjectsElsewhereAreIgnored()
    {
        var failure = await Assert.ThrowsAsync<PartialBatchFailureException>(
            () => World.Ingest().HandleAsync(World.S3Event("s3-put-raw-inbound.json", "raw/ses/never-written", 10)));
        Assert.Equal(["raw/ses/never-written"], failure.FailedItems);

        var response = await ServerlessWorld.ReadAsync(await World.Ingest().HandleAsync(World.S3Event("s3-put-raw-inbound.json", "appended/2026/12/04/x.eml", 10)));
        Assert.Empty(response["batchItemFailures"]!.AsArray());
        await Assert.ThrowsAsync<InvalidEventException>(() => World.Ingest().HandleAsync(new MemoryStream("{\"Records\": 5}"u8.ToArray())));
    }
}
