namespace ServerlessMail.EndToEnd.Tests;

/// <summary>The real <c>serve</c> on an empty data directory, then again on the same one.</summary>
public sealed class FirstStartTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sm-e2e-first-");

    [Fact]
    public async Task TheFirstStart_PrintsTheAdminTokenOnceWithATryItBlockWhoseCommandsWork_AndTheSecondPrintsNoToken()
    {
        string firstLog;
        await using (var first = await ServeProcess.StartAsync(["--domain", "try.test"], dataDirectory: _directory.FullName))
        {
            // The block follows the ready line on stderr; give it a moment to arrive.
            await StoreReader.EventuallyAsync(() => Task.FromResult(first.Log), l => l.Contains("IMAP: host", StringComparison.Ordinal), "the try-it block");

            // The block's commands, copied and pasted: they create an inbox, send to it and read it back.
            var lines = first.Log.Split('\n');
            var commands = lines.SkipWhile(l => l != "Try it:").Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l[2..]);
            var script = Path.Combine(_directory.FullName, "try-it.sh");
            await File.WriteAllTextAsync(script, "set -euo pipefail\n" + string.Join('\n', commands) + "\n");
            var (exitCode, output, error) = await ChildProcess.RunAsync("bash", [script]);
            Assert.True(exitCode == 0, $"{output}\n{error}\n{first.Log}");
            Assert.Contains("\"subject\":\"hello\"", output, StringComparison.Ordinal);

            Assert.Equal(0, await first.StopAsync());
            firstLog = first.Log;
        }

        var token = File.ReadAllText(Path.Combine(_directory.FullName, "admin.token")).Trim();
        Assert.StartsWith("sm_", token, StringComparison.Ordinal);
        Assert.Single(firstLog.Split('\n'), l => l.Contains(token, StringComparison.Ordinal));
        Assert.Contains("swaks --server 127.0.0.1:", firstLog, StringComparison.Ordinal);
        Assert.Contains("--to agent@try.test", firstLog, StringComparison.Ordinal);

        await using var second = await ServeProcess.StartAsync(["--domain", "try.test"], dataDirectory: _directory.FullName);
        Assert.Equal(0, await second.StopAsync());
        Assert.DoesNotContain(token, second.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Try it", second.Log, StringComparison.Ordinal);
        Assert.Contains("default domain try.test", second.Log, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
