using System.Diagnostics;
using System.Text.Json;

namespace ServerlessMail.Cli.Tests;

/// <summary>
/// <c>serverlessmail invoke</c>: the readable errors in-process, and the authorizer run on events/authorizer-request.json
/// as a child process whose <c>SERVERLESSMAIL_*</c> variables name an embedded store (the command reads the process
/// environment, which an in-process test would share with every other test).
/// </summary>
public sealed class InvokeCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sm-invoke-");

    [Fact]
    public void AnUnknownFunction_ListsTheValidOnes()
    {
        var (exitCode, _, error) = Run("invoke", "ingester", "--event", EventPath("s3-put-raw-inbound.json"));

        Assert.Equal(2, exitCode);
        Assert.Equal("serverlessmail: unknown function 'ingester'; expected one of: ingest, relay, ses-events, authorizer.", error.TrimEnd());
    }

    [Fact]
    public void AMissingEventFile_IsNamed()
    {
        var missing = Path.Combine(_directory.FullName, "nope.json");

        var (exitCode, _, error) = Run("invoke", "authorizer", "--event", missing);

        Assert.Equal(2, exitCode);
        Assert.Equal($"serverlessmail: no event file {missing}.", error.TrimEnd());
    }

    [Fact]
    public async Task TheAuthorizer_RunsOnTheEventFile_AgainstTheEmbeddedStore()
    {
        // A new domain's first inbox comes with its account and admin token; the event's route names that inbox.
        var (created, output, _) = Run("inbox", "create", "agent@invoke.test", "--json", "--data", _directory.FullName, "--fsync", "false");
        Assert.Equal(0, created);
        using var inbox = JsonDocument.Parse(output);
        var token = inbox.RootElement.GetProperty("createdAccount").GetProperty("adminToken").GetString()!;
        var valid = Path.Combine(_directory.FullName, "authorizer-valid.json");
        await File.WriteAllTextAsync(valid, (await File.ReadAllTextAsync(EventPath("authorizer-request.json")))
            .Replace("sm_EXAMPLE", token, StringComparison.Ordinal)
            .Replace("inb_00000000000000000000000000", inbox.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal));

        var refused = await InvokeAsync(EventPath("authorizer-request.json"));
        var allowed = await InvokeAsync(valid);

        Assert.False(refused.GetProperty("isAuthorized").GetBoolean());
        Assert.True(allowed.GetProperty("isAuthorized").GetBoolean());
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private async Task<JsonElement> InvokeAsync(string eventPath)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "serverlessmail.dll"), "invoke", "authorizer", "--event", eventPath })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SERVERLESSMAIL_STORE"] = "local";
        start.Environment["SERVERLESSMAIL_DATA"] = _directory.FullName;
        start.Environment["SERVERLESSMAIL_FSYNC"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await error);
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    private static string EventPath(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "events", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("events/ was not found above " + AppContext.BaseDirectory, name);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = Program.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
