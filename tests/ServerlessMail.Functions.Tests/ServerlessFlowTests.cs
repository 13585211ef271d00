using ServerlessMail.Core;
using ServerlessMail.Relay.Tests;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.Functions.Tests;

/// <summary>
/// The serverless flow end to end on dynalite, s3rver and aws-ses-v2-local, each step through the real handler on an
/// event built from its events/ template: accept as the edge does, ingest, send, relay, delivery, bounce, suppression.
/// </summary>
[Collection(ServerlessStandIns.Name)]
public sealed class ServerlessFlowTests(AwsStandIns aws, SesLocal ses) : ServerlessTest(aws, ses)
{
    [Fact]
    public async Task InboundThenOutboundThenFeedbackThenSuppression()
    {
        // 1. The edge accepts a message: raw object to S3, accepted record with the envelope.
        var inbound = ServerlessWorld.Mail("bob@remote.example", "alice@example.com", "Inbound hello");
        var accepted = await World.IngestService.AcceptAsync(new MemoryStream(inbound), new MessageEnvelope("bob@remote.example", ["alice@example.com"], "198.51.100.7"));

        // 2. S3 notifies the ingest function.
        await World.Ingest().HandleAsync(World.S3Event("s3-put-raw-inbound.json", accepted.BlobKey, inbound.Length));

        // 3. The message is in the store.
        var delivered = Assert.Single(await World.InboxMessagesAsync());
        Assert.Equal("Inbound hello", delivered.Summary.Subject);

        // 4. Alice replies; S3 notifies the relay function of the outbound object; SES has exactly that message.
        var reply = ServerlessWorld.Mail("alice@example.com", "bob@remote.example", "Re: Inbound hello");
        var submitted = await World.Host.Outbound.SubmitAsync(World.Sender, World.Inbox, new MemoryStream(reply), "alice@example.com", ["bob@remote.example"], null);
        await World.Relay().HandleAsync(World.S3Event("s3-put-outbound.json", submitted.Outbound!.BlobKey, reply.Length));
        var email = Assert.Single(await Ses.EmailsAsync());
        Assert.Equal("Re: Inbound hello", email.GetProperty("subject").GetString());
        var providerId = email.GetProperty("messageId").GetString()!;
        Assert.Equal((OutboundStatus.Sent, providerId), await StatusAsync(submitted.Outbound.Id));

        // 5. SES reports the delivery, then a hard bounce.
        await World.SesEvents().HandleAsync(ServerlessWorld.SesEvent("sns-ses-delivery.json", providerId));
        Assert.Equal(OutboundStatus.Delivered, (await StatusAsync(submitted.Outbound.Id)).Status);
        await World.SesEvents().HandleAsync(ServerlessWorld.SesEvent("sns-ses-bounce-permanent.json", providerId));
        Assert.Equal(OutboundStatus.Bounced, (await StatusAsync(submitted.Outbound.Id)).Status);

        // 6. The next send to the bounced address is refused, naming the suppression; nothing more reaches SES.
        var refusal = await Assert.ThrowsAsync<MailStoreException>(() => World.Host.Outbound.SubmitAsync(
            World.Sender, World.Inbox, new MemoryStream(reply), "alice@example.com", ["bob@remote.example"], null));
        Assert.Equal(MailStoreError.NotAllowed, refusal.Error);
        Assert.Contains("bob@remote.example (hard bounce", refusal.Message, StringComparison.Ordinal);
        Assert.Single(await Ses.EmailsAsync());
    }

    private async Task<(OutboundStatus Status, string? ProviderId)> StatusAsync(string outboundId)
    {
        var record = await World.Host.Store.GetOutboundAsync(outboundId);
        return (record!.Status, record.ProviderMessageId);
    }
}
