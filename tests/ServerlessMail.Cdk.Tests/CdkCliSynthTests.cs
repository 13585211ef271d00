using System.Diagnostics;

namespace ServerlessMail.Cdk.Tests;

/// <summary>
/// `cdk synth` as an operator runs it: the pinned aws-cdk CLI (tools/cdk, installed by tests/setup.sh), from the
/// repository root, through cdk.json's `dotnet run`. Node is required (CI has it); the publish directories are empty
/// directories made here.
/// </summary>
public sealed class CdkCliSynthTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "sm-cdk-cli-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Npx_cdk_synth_succeeds_from_the_repository_root()
    {
        var root = DeploySettings.FromContext(new Amazon.CDK.App(new Amazon.CDK.AppProps
        {
            Context = new Dictionary<string, object> { [DeploySettings.DomainKey] = "example.org" },
        }).Node).RepoRoot;
        var cli = Path.Combine(root, "tools", "cdk", "node_modules", ".bin", "cdk");
        Assert.True(File.Exists(cli), $"{cli} is missing: run tests/setup.sh (npm ci in tools/cdk)");
        Directory.CreateDirectory(Path.Combine(_work, "functions"));
        Directory.CreateDirectory(Path.Combine(_work, "api"));
        var output = Path.Combine(_work, "cdk.out");

        var start = new ProcessStartInfo("npx")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            // --no: never fetch a CLI from the registry; only the pinned one in tools/cdk may run.
            "--no", "--prefix", "tools/cdk", "cdk", "synth", "--quiet", "--output", output,
            "-c", $"{DeploySettings.FunctionsPublishDirKey}={Path.Combine(_work, "functions")}",
            "-c", $"{DeploySettings.ApiPublishDirKey}={Path.Combine(_work, "api")}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"cdk synth exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        foreach (var stack in new[] { "Storage", "Ses", "Processing", "Api", "MailEdge" })
        {
            var template = Path.Combine(output, $"{MailApp.Prefix}-{stack}.template.json");
            Assert.True(File.Exists(template), $"{template} was not written");
        }

        // The edge image's context is the repository root as staged under .dockerignore: sources, no build output.
        var context = Directory.GetDirectories(output, "asset.*").Single(d => File.Exists(Path.Combine(d, MailEdgeStack.DockerfilePath)));
        Assert.True(File.Exists(Path.Combine(context, "Directory.Packages.props")));
        Assert.DoesNotContain(Directory.GetDirectories(context, "*", SearchOption.AllDirectories),
            d => Path.GetFileName(d) is "bin" or "obj" or "node_modules" or "cdk.out" or "tests");
        Assert.Contains("\"dotnet10\"", await File.ReadAllTextAsync(Path.Combine(output, $"{MailApp.Prefix}-Processing.template.json")), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }
}
