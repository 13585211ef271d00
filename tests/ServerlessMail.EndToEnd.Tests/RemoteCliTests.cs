namespace ServerlessMail.EndToEnd.Tests;

/// <summary>The operator commands with <c>--api-url</c>: the same commands, through the running server's REST API.</summary>
public sealed class RemoteCliTests
{
    [Fact]
    public async Task TheOperatorCommands_WorkThroughTheApi_WithTheTokenFileOrAnInboxToken()
    {
        await using var server = await ServeProcess.StartAsync();
        var url = server.ApiUrl.ToString();

        // The admin token comes from DATA_DIR/admin.token when --token is not given.
        var created = await Cli("inbox", "create", "remote@example.test", "--api-url", url, "--data", server.DataDirectory);
        await Cli("inbox", "create", "peer@example.test", "--api-url", url, "--data", server.DataDirectory);
        var listed = await Cli("inbox", "list", "example.test", "--api-url", url, "--data", server.DataDirectory);
        var token = await Cli("token", "create", "--inbox", "remote@example.test", "--permissions", "read,send", "--api-url", url, "--data", server.DataDirectory);
        var secret = token.Split('\n')[0].Trim();
        var tokenId = token.Split('\n')[1]["id: ".Length..].Trim();

        // An inbox token sends and reads its own mail.
        var (exitCode, sent, progress) = await ChildProcess.RunAsync(
            "dotnet", [RepositoryLayout.CliAssembly, "send", "--from", "remote@example.test", "--to", "peer@example.test", "--subject", "Over the API", "--text", "Hello through REST.", "--wait", "--api-url", url, "--token", secret]);
        var sentList = await Cli("messages", "list", "remote@example.test", "--folder", "Sent", "--api-url", url, "--token", secret);
        var sentId = sentList.Split('\t')[0];
        var message = await Cli("messages", "get", sentId, "--api-url", url, "--token", secret);
        var peerInbox = await StoreReader.EventuallyAsync(
            () => Cli("messages", "list", "peer@example.test", "--api-url", url, "--data", server.DataDirectory),
            l => l.Contains("Over the API", StringComparison.Ordinal),
            "peer's INBOX");
        var tokens = await Cli("token", "list", "--inbox", "remote@example.test", "--api-url", url, "--data", server.DataDirectory);
        var revoked = await Cli("token", "revoke", tokenId, "--api-url", url, "--data", server.DataDirectory);
        var (refused, _, refusal) = await ChildProcess.RunAsync("dotnet", [RepositoryLayout.CliAssembly, "messages", "list", "remote@example.test", "--api-url", url, "--token", secret]);
        var deleted = await Cli("inbox", "delete", "peer@example.test", "--purge", "--api-url", url, "--data", server.DataDirectory);

        Assert.StartsWith("remote@example.test\nid: inb_", created, StringComparison.Ordinal);
        Assert.Contains("remote@example.test\tinb_", listed, StringComparison.Ordinal);
        Assert.StartsWith("sm_", secret, StringComparison.Ordinal);
        Assert.True(exitCode == 0, progress + "\n" + server.Log);
        Assert.EndsWith("status: delivered", sent.Trim(), StringComparison.Ordinal);
        Assert.Contains(": queued", progress, StringComparison.Ordinal);
        Assert.Contains("\\Seen\tremote@example.test\tOver the API", sentList, StringComparison.Ordinal);
        Assert.Contains("folder: Sent\n", message, StringComparison.Ordinal);
        Assert.Contains("to: peer@example.test\n", message, StringComparison.Ordinal);
        Assert.Contains("Hello through REST.", message, StringComparison.Ordinal);
        Assert.Contains("\tremote@example.test\tOver the API", peerInbox, StringComparison.Ordinal);
        Assert.Contains($"{tokenId}\t", tokens, StringComparison.Ordinal);
        Assert.Equal($"revoked {tokenId}", revoked.Trim());
        Assert.Equal(1, refused);
        Assert.StartsWith("serverlessmail: the API answered 401", refusal, StringComparison.Ordinal);
        Assert.Equal("deleted peer@example.test", deleted.Trim());
        Assert.DoesNotContain(secret, server.Log, StringComparison.Ordinal);

        Assert.Equal(0, await server.StopAsync());
    }

    private static Task<string> Cli(params string[] arguments) => ChildProcess.CliAsync(arguments);
}
