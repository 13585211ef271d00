namespace ServerlessMail.Cli.Tests;

/// <summary><c>send</c> and <c>messages list|get</c> on a data directory, run in-process through <see cref="Program.Run"/>.</summary>
public sealed class MessageCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sm-cli-messages-");

    [Fact]
    public void Send_QueuesTheMessageWithItsSentCopy_WhichMessagesListAndGetShow()
    {
        Run("inbox", "create", "alice@example.test", "--display-name", "Alice");

        var (sent, queued, _) = Run("send", "--from", "alice@example.test", "--to", "bob@remote.test,carol@remote.test", "--subject", "Quarterly figures", "--text", "Numbers attached.\nSecond line.");
        var messageId = queued.Split('\n')[1]["message: ".Length..].Trim();
        var (listed, list, _) = Run("messages", "list", "alice@example.test", "--folder", "Sent");
        var (_, listJson, _) = Run("messages", "list", "alice@example.test", "--folder", "Sent", "--json");
        var (got, message, _) = Run("messages", "get", messageId);
        var (_, inbox, _) = Run("messages", "list", "alice@example.test");

        Assert.Equal((0, 0, 0), (sent, listed, got));
        Assert.StartsWith("out_", queued, StringComparison.Ordinal);
        Assert.EndsWith("status: queued", queued.Trim(), StringComparison.Ordinal);
        Assert.Matches($@"^{messageId}\t\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ\t\\Seen\talice@example.test\tQuarterly figures$", list.Trim());
        Assert.Contains("\"subject\": \"Quarterly figures\"", listJson, StringComparison.Ordinal);
        Assert.Contains("\"folder\": \"Sent\"", listJson, StringComparison.Ordinal);
        Assert.Contains("folder: Sent\n", message, StringComparison.Ordinal);
        Assert.Contains("from: Alice <alice@example.test>\nto: bob@remote.test, carol@remote.test\n", message, StringComparison.Ordinal);
        Assert.Contains("subject: Quarterly figures\n", message, StringComparison.Ordinal);
        Assert.EndsWith("\n\nNumbers attached.\nSecond line.", message.TrimEnd(), StringComparison.Ordinal);
        Assert.Empty(inbox);
    }

    [Fact]
    public void MessagesList_IsNewestFirst_AndHonoursTheLimit()
    {
        Run("inbox", "create", "many@example.test");
        for (var i = 0; i < 3; i++)
        {
            Run("send", "--from", "many@example.test", "--to", "x@remote.test", "--subject", $"number {i}");
        }

        var (exitCode, listed, _) = Run("messages", "list", "many@example.test", "--folder", "Sent", "--limit", "2");

        Assert.Equal(0, exitCode);
        Assert.Equal(["number 2", "number 1"], listed.Trim().Split('\n').Select(l => l.Split('\t')[^1]));
    }

    [Theory]
    [InlineData("send", "--from", "alice@example.test", "--to", "not an address", "--subject", "x")]
    [InlineData("send", "--from", "nobody@example.test", "--to", "x@remote.test")]
    [InlineData("messages", "list", "alice@example.test", "--folder", "Nowhere")]
    [InlineData("messages", "list", "alice@example.test", "--limit", "0")]
    [InlineData("messages", "get", "msg_doesnotexist")]
    [InlineData("messages", "get", "not-an-id")]
    public void BadInput_ExitsOneWithOneReadableLine(params string[] arguments)
    {
        Run("inbox", "create", "alice@example.test");

        var (exitCode, _, error) = Run(arguments);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("serverlessmail: ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void ARefusedSend_NamesTheLimit()
    {
        Run("inbox", "create", "limited@example.test", "--sends-per-day", "1");
        Run("send", "--from", "limited@example.test", "--to", "x@remote.test");

        var (exitCode, _, error) = Run("send", "--from", "limited@example.test", "--to", "y@remote.test");

        Assert.Equal(1, exitCode);
        Assert.Contains("refused: the inbox limit of 1 recipients per day reached; resets at ", error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = Program.Run([.. arguments, "--data", _directory.FullName, "--fsync", "false"], output, error);
        return (exitCode, output.ToString().ReplaceLineEndings("\n"), error.ToString());
    }
}
