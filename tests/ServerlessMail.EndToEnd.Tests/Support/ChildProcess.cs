using System.Diagnostics;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>Runs a program to its end and returns its exit code and output (the CLI's operator commands, python3).</summary>
internal static class ChildProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // A generous bound for a cold start on a busy 2-core machine; these finish in a second or two.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>The CLI (<c>dotnet serverlessmail.dll …</c>); throws with its stderr unless it exits 0.</summary>
    public static Task<string> CliAsync(params string[] arguments) => CliAsync(null, arguments);

    /// <summary>The CLI with extra environment variables (credentials for the AWS store, say).</summary>
    public static async Task<string> CliAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync("dotnet", [RepositoryLayout.CliAssembly, .. arguments], environment);
        return exitCode == 0 ? output : throw new InvalidOperationException($"serverlessmail {string.Join(' ', arguments)} exited {exitCode}: {error}");
    }
}
