namespace ServerlessMail.EndToEnd.Tests;

/// <summary>The operator's <c>send</c> and <c>messages</c> commands as their own processes beside the real <c>serve</c>.</summary>
public sealed class OperatorSendTests
{
    [Fact]
    public async Task SendWithWait_FollowsTheMessageUntilTheServerDeliveredIt_AndMessagesListAndGetReadItInTheRecipientsInbox()
    {
        await using var server = await ServeProcess.StartAsync();
        await Operator.CreateInboxAsync(server, "frank@example.test");
        await Operator.CreateInboxAsync(server, "grace@example.test");

        var (exitCode, sent, progress) = await ChildProcess.RunAsync(
            "dotnet",
            [RepositoryLayout.CliAssembly, "send", "--from", "frank@example.test", "--to", "grace@example.test", "--subject", "From the CLI", "--text", "Sent by the operator.", "--wait", "--data", server.DataDirectory]);

        Assert.True(exitCode == 0, progress + "\n" + server.Log);
        Assert.EndsWith("status: delivered", sent.Trim(), StringComparison.Ordinal);
        var outboundId = sent.Split('\n')[0].Trim();
        Assert.Contains($"{outboundId}: queued", progress, StringComparison.Ordinal);
        Assert.Contains($"{outboundId}: delivered", progress, StringComparison.Ordinal);

        var listed = await StoreReader.EventuallyAsync(
            () => ChildProcess.CliAsync("messages", "list", "grace@example.test", "--data", server.DataDirectory),
            l => l.Contains("From the CLI", StringComparison.Ordinal),
            "grace's INBOX");
        var messageId = listed.Split('\t')[0];
        var message = await ChildProcess.CliAsync("messages", "get", messageId, "--data", server.DataDirectory);
        Assert.Contains("folder: INBOX\n", message, StringComparison.Ordinal);
        Assert.Contains("from: frank@example.test\n", message, StringComparison.Ordinal);
        Assert.Contains("Sent by the operator.", message, StringComparison.Ordinal);

        Assert.Equal(0, await server.StopAsync());
    }
}
