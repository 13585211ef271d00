using System.Globalization;
using System.Text.RegularExpressions;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>
/// The README's quick start, run as written against the real <c>serve</c>: its shell blocks after the one that starts
/// the server, in a directory whose <c>data</c> is the server's data directory. Only the default ports are
/// swapped for the test server's free ones, so the README cannot drift from what works.
/// </summary>
public sealed partial class ReadmeQuickStartTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("sm-readme-");

    [Fact]
    public async Task TheQuickStartsCommands_CreateAnInbox_SendToIt_AndReadItWithCurlAndImap()
    {
        var blocks = QuickStartBlocks(await File.ReadAllTextAsync(Path.Combine(RepositoryLayout.Root, "README.md")));
        Assert.Equal("dotnet run --project src/ServerlessMail.Cli -- serve", blocks[0].Trim());
        await using var server = await ServeProcess.StartAsync(dataDirectory: Path.Combine(_work.FullName, "data"));

        var script = string.Join('\n', blocks.Skip(1))
            .Replace("127.0.0.1:8080", server.Api!.ToString(), StringComparison.Ordinal)
            .Replace("127.0.0.1:2525", server.Smtp.ToString(), StringComparison.Ordinal)
            .Replace("\"127.0.0.1\", 8993", "\"127.0.0.1\", " + server.Imaps.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var path = Path.Combine(_work.FullName, "quickstart.sh");
        await File.WriteAllTextAsync(path, "set -euo pipefail\ncd " + _work.FullName + "\n" + script);

        var (exitCode, output, error) = await ChildProcess.RunAsync("bash", [path]);

        Assert.True(exitCode == 0, $"{output}\n{error}\nserver log:\n{server.Log}");
        Assert.Contains("\"subject\":\"hello\"", output, StringComparison.Ordinal);
        Assert.Contains("Subject: hello", output, StringComparison.Ordinal);
        Assert.Contains("From: you@elsewhere.test", output, StringComparison.Ordinal);
        Assert.Equal(0, await server.StopAsync());
    }

    public void Dispose() => _work.Delete(recursive: true);

    /// <summary>The ```sh blocks between "## Quick start" and the test-suite block that ends the quick start.</summary>
    private static List<string> QuickStartBlocks(string readme)
    {
        var start = readme.IndexOf("## Quick start", StringComparison.Ordinal);
        var end = readme.IndexOf("bash tests/run.sh", start, StringComparison.Ordinal);
        return ShellBlock().Matches(readme[start..end]).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex("```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
