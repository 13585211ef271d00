using System.Text.Json.Nodes;
using ServerlessMail.Core;
using ServerlessMail.Relay.Tests;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.Functions.Tests;

[Collection(ServerlessStandIns.Name)]
public sealed class LocalInvokerTests(AwsStandIns aws, SesLocal ses) : ServerlessTest(aws, ses)
{
    [Fact]
    public async Task InvokeOpensTheStoreFromTheEnvironmentAndRunsTheNamedHandler()
    {
        var raw = ServerlessWorld.Mail("bob@remote.example", "alice@example.com", "Invoked");
        var accepted = await World.IngestService.AcceptAsync(new MemoryStream(raw), new MessageEnvelope("bob@remote.example", ["alice@example.com"]));

        var output = await LocalInvoker.InvokeAsync("ingest", World.S3Event("s3-put-raw-inbound.json", accepted.BlobKey, raw.Length), World.Environment);

        Assert.Empty(JsonNode.Parse(output)!["batchItemFailures"]!.AsArray());
        Assert.Equal("Invoked", Assert.Single(await World.InboxMessagesAsync()).Summary.Subject);
        Assert.Equal(IngestState.Delivered, (await World.Host.Store.GetAcceptedAsync(accepted.Id))!.State);
    }

    [Fact]
    public async Task TheAuthorizerSampleEventIsDeniedForItsPlaceholderToken()
    {
        await using var file = File.OpenRead(Path.Combine(RepositoryLayout.Root, "events", "authorizer-request.json"));

        var output = await LocalInvoker.InvokeAsync("authorizer", file, World.Environment);

        Assert.False(JsonNode.Parse(output)!["isAuthorized"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnUnknownFunctionIsRefusedWithTheNamesItTakes()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => LocalInvoker.InvokeAsync("ingestion", new MemoryStream(), World.Environment));
        Assert.Contains("ingest, relay, ses-events, authorizer", error.Message, StringComparison.Ordinal);
    }
}
