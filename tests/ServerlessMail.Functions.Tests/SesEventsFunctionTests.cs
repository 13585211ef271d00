using ServerlessMail.Core;
using ServerlessMail.Relay.Tests;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.Functions.Tests;

[Collection(ServerlessStandIns.Name)]
public sealed class SesEventsFunctionTests(AwsStandIns aws, SesLocal ses) : ServerlessTest(aws, ses)
{
    [Fact]
    public async Task ADeliveryMovesSentToDeliveredOnceWhenSnsRepeatsIt()
    {
        var sent = await SentAsync("prov-delivery");

        await World.SesEvents().HandleAsync(ServerlessWorld.SesEvent("sns-ses-delivery.json", "prov-delivery"));
        await World.SesEvents().HandleAsync(ServerlessWorld.SesEvent("sns-ses-delivery.json", "prov-delivery"));

        var record = await World.Host.Store.GetOutboundAsync(sent.Id);
        Assert.Equal(OutboundStatus.Delivered, record!.Status);
        Assert.Equal(sent.History.Count + 1, record.History.Count);
        Assert.Contains("250 2.6.0 Message received", record.History[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATransientBounceIsHistoryOnlyAndSuppressesNobody()
    {
        var sent = await SentAsync("prov-soft");

        await World.SesEvents().HandleAsync(ServerlessWorld.SesEvent("sns-ses-bounce-transient.json", "prov-soft"));

        var record = await World.Host.Store.GetOutboundAsync(sent.Id);
        Assert.Equal(OutboundStatus.Sent, record!.Status);
        Assert.Contains("TransientBounce bob@remote.example: Transient/MailboxFull", record.History[^1].Detail, StringComparison.Ordinal);
        Assert.Empty(await World.Host.Store.ListSuppressionsAsync(World.Account.Id, 10));
    }

    [Fact]
    public async Task APermanentBounceMarksItBouncedAndSuppressesTheRecipient()
    {
        var sent = await SentAsync("prov-hard");

        await World.SesEvents().HandleAsync(ServerlessWorld.SesEvent("sns-ses-bounce-permanent.json", "prov-hard"));

        Assert.Equal(OutboundStatus.Bounced, (await World.Host.Store.GetOutboundAsync(sent.Id))!.Status);
        var entry = Assert.Single(await World.Host.Store.ListSuppressionsAsync(World.Account.Id, 10));
        Assert.Equal(("bob@remote.example", SuppressionReason.Bounce), (entry.Address, entry.Reason));
        Assert.Contains("550 5.1.1 user unknown", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AComplaintMarksItComplainedAndSuppressesTheRecipient()
    {
        var sent = await SentAsync("prov-complaint");

        await World.SesEvents().HandleAsync(ServerlessWorld.SesEvent("sns-ses-complaint.json", "prov-complaint"));

        Assert.Equal(OutboundStatus.Complained, (await World.Host.Store.GetOutboundAsync(sent.Id))!.Status);
        Assert.Equal(SuppressionReason.Complaint, (await World.Host.Store.FindSuppressionAsync(World.Account.Id, "bob@remote.example"))?.Reason);
    }

    [Fact]
    public async Task EventsForMessagesThatAreNotOursAndUntrackedTypesAreSkipped()
    {
        var response = await ServerlessWorld.ReadAsync(await World.SesEvents().HandleAsync(ServerlessWorld.SesEvent("sns-ses-delivery.json", "not-ours")));
        Assert.Empty(response["batchItemFailures"]!.AsArray());

        var open = ServerlessWorld.Event("sns-ses-delivery.json");
        open["Records"]![0]!["Sns"]!["Message"] = """{"eventType":"Open","mail":{"messageId":"x"},"open":{}}""";
        await World.SesEvents().HandleAsync(ServerlessWorld.Json(open));

        var garbage = ServerlessWorld.Event("sns-ses-delivery.json");
        garbage["Records"]![0]!["Sns"]!["Message"] = "not json";
        await Assert.ThrowsAsync<InvalidEventException>(() => World.SesEvents().HandleAsync(ServerlessWorld.Json(garbage)));
    }

    [Fact]
    public void StatusesOnlyMoveForward()
    {
        Assert.Equal(OutboundStatus.Bounced, ProviderFeedbackService.Next(OutboundStatus.Bounced, FeedbackKind.Delivery));
        Assert.Equal(OutboundStatus.Bounced, ProviderFeedbackService.Next(OutboundStatus.Delivered, FeedbackKind.PermanentBounce));
        Assert.Equal(OutboundStatus.Failed, ProviderFeedbackService.Next(OutboundStatus.Sent, FeedbackKind.Reject));
        Assert.Equal(OutboundStatus.Sent, ProviderFeedbackService.Next(OutboundStatus.Sent, FeedbackKind.DeliveryDelay));
        Assert.Equal(OutboundStatus.Queued, ProviderFeedbackService.Next(OutboundStatus.Queued, FeedbackKind.Delivery));
    }

    /// <summary>An OutboundEmail to bob@remote.example that SES took under <paramref name="providerId"/>.</summary>
    private async Task<OutboundEmail> SentAsync(string providerId)
    {
        var now = World.Clock.GetUtcNow();
        var queued = new OutboundEmail(
            Ids.New(Ids.Outbound, World.Clock), World.Account.Id, World.Inbox.Id, Ids.New(Ids.Message, World.Clock), null,
            BlobKeys.Outbound("out_x", now), "alice@example.com", ["bob@remote.example"], OutboundStatus.Queued, null,
            [new OutboundEvent(now, OutboundStatus.Queued, null)], 0, now, now, now, null);
        await World.Host.Store.CreateOutboundAsync(queued);
        var sent = queued with { Status = OutboundStatus.Sent, ProviderMessageId = providerId, History = [.. queued.History, new OutboundEvent(now, OutboundStatus.Sent, "ses: " + providerId)] };
        Assert.True(await World.Host.Store.TryUpdateOutboundAsync(sent, OutboundStatus.Queued));
        return sent;
    }
}
