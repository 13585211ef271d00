using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ServerlessMail.Core;
using ServerlessMail.Relay.Tests;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.Functions.Tests;

/// <summary>
/// The serverless flow through the REST API as it runs on Lambda (run.sh, on the AWS store of dynalite and s3rver):
/// a message the edge accepted and the ingest handler delivered is listed by the API; a send through the API is
/// relayed by the relay handler on its outbound object's S3 event, and aws-ses-v2-local holds exactly that message.
/// </summary>
[Collection(ServerlessStandIns.Name)]
public sealed class ServerlessApiFlowTests(AwsStandIns aws, SesLocal ses) : ServerlessTest(aws, ses)
{
    [Fact]
    public async Task InboundIsVisibleThroughTheApi_AndAnApiSendIsRelayedOnceThroughSes()
    {
        await using var api = await ApiLambdaProcess.StartAsync(World.Environment);
        var (_, secret) = await World.Host.Tokens.CreateAsync(null, World.Account.Id, "agent", World.Inbox.Id, TokenPermissions.Read | TokenPermissions.Send, null);
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        // The edge accepts, S3 notifies the ingest function, and the API lists the delivered message.
        var inbound = ServerlessWorld.Mail("bob@remote.example", "alice@example.com", "Inbound over the API");
        var accepted = await World.IngestService.AcceptAsync(new MemoryStream(inbound), new MessageEnvelope("bob@remote.example", ["alice@example.com"], "198.51.100.7"));
        await World.Ingest().HandleAsync(World.S3Event("s3-put-raw-inbound.json", accepted.BlobKey, inbound.Length));
        var listing = JsonNode.Parse(await http.GetStringAsync(new Uri($"v1/inboxes/{World.Inbox.Id}/messages", UriKind.Relative)))!;
        var item = Assert.Single(listing["items"]!.AsArray());
        Assert.Equal("Inbound over the API", (string?)item!["subject"]);

        // A send through the API queues an outbound object; its S3 event runs the relay function.
        using var sent = await http.PostAsJsonAsync(
            new Uri($"v1/inboxes/{World.Inbox.Id}/send", UriKind.Relative),
            new { to = new[] { "bob@remote.example" }, subject = "Sent from the API on Lambda", text = "Hello from the API." });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var outboundId = (string)JsonNode.Parse(await sent.Content.ReadAsStringAsync())!["outboundId"]!;
        var outbound = await World.Host.Store.GetOutboundAsync(outboundId);
        Assert.NotNull(outbound);
        var size = (await World.Host.Blobs.OpenReadAsync(outbound.BlobKey)).Length;
        await World.Relay().HandleAsync(World.S3Event("s3-put-outbound.json", outbound.BlobKey, size));
        await World.Relay().HandleAsync(World.S3Event("s3-put-outbound.json", outbound.BlobKey, size));

        var email = Assert.Single(await Ses.EmailsAsync());
        Assert.Equal("Sent from the API on Lambda", email.GetProperty("subject").GetString());
        var status = JsonNode.Parse(await http.GetStringAsync(new Uri($"v1/outbound/{outboundId}", UriKind.Relative)))!;
        Assert.Equal("sent", (string?)status["status"]);
    }
}
