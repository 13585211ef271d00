namespace ServerlessMail.Cdk.Tests;

/// <summary>
/// Docker cannot run on the development machines, so the edge image is not built here: these tests read
/// src/ServerlessMail.Cli/Dockerfile as Docker would (continuation lines joined, one instruction per line) and check
/// what the container will run: the stages, a non-root user, the healthcheck, the mail ports and the entrypoint.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly List<(string Instruction, string Arguments)> Lines = DockerfileParser.Parse(File.ReadAllText(
        Path.Combine(DeploySettings.FromContext(new Amazon.CDK.App(new Amazon.CDK.AppProps
        {
            Context = new Dictionary<string, object> { [DeploySettings.DomainKey] = "example.org" },
        }).Node).RepoRoot, MailEdgeStack.DockerfilePath)));

    [Fact]
    public void It_builds_with_the_sdk_and_runs_on_the_aspnet_runtime()
    {
        var stages = Lines.Where(l => l.Instruction == "FROM").Select(l => l.Arguments).ToList();
        Assert.Equal(2, stages.Count);
        Assert.Matches(@"mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", stages[0]);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", stages[1]);
        Assert.Contains(Lines, l => l.Instruction == "RUN" && l.Arguments.Contains("dotnet publish src/ServerlessMail.Cli/ServerlessMail.Cli.csproj -c Release", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.Instruction == "COPY" && l.Arguments == "--from=build /app /app");
    }

    [Fact]
    public void It_runs_as_a_non_root_user_that_may_bind_the_mail_ports()
    {
        var runtime = RuntimeStage();
        var user = runtime.Last(l => l.Instruction == "USER").Arguments;
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        Assert.Contains(runtime, l => l.Instruction == "RUN" && l.Arguments.Contains($"useradd --system --uid 10001 --home-dir /var/lib/serverlessmail --create-home {user}", StringComparison.Ordinal));
        Assert.Contains(runtime, l => l.Instruction == "RUN" && l.Arguments.Contains("setcap 'cap_net_bind_service=+ep' /app/serverlessmail", StringComparison.Ordinal));
        // USER comes after every RUN, so nothing at run time is root.
        Assert.True(runtime.FindLastIndex(l => l.Instruction == "RUN") < runtime.FindIndex(l => l.Instruction == "USER"));
    }

    [Fact]
    public void It_exposes_the_ports_the_load_balancer_forwards()
    {
        var exposed = RuntimeStage().Single(l => l.Instruction == "EXPOSE").Arguments.Split(' ').Select(int.Parse);
        Assert.Equal(MailEdgeStack.Ports, exposed);
        var environment = Environment();
        Assert.Equal("25", environment["SERVERLESSMAIL_SMTP_PORT"]);
        Assert.Equal("465", environment["SERVERLESSMAIL_SUBMISSIONS_PORT"]);
        Assert.Equal("587", environment["SERVERLESSMAIL_SUBMISSION_PORT"]);
        Assert.Equal("143", environment["SERVERLESSMAIL_IMAP_PORT"]);
        Assert.Equal("993", environment["SERVERLESSMAIL_IMAPS_PORT"]);
        Assert.Equal("0.0.0.0", environment["SERVERLESSMAIL_LISTEN"]);
        Assert.Equal("aws", environment["SERVERLESSMAIL_STORE"]);
        // serve's own name for the data directory (the self-signed certificate lives there), the user's home.
        Assert.Equal("/var/lib/serverlessmail", environment["SERVERLESSMAIL_DATA"]);
        // Deployment-specific values come from the task, never baked into the image.
        Assert.DoesNotContain("SERVERLESSMAIL_AWS_BUCKET", environment.Keys);
        Assert.DoesNotContain("SERVERLESSMAIL_AWS_TABLE", environment.Keys);
    }

    [Fact]
    public void It_has_a_healthcheck_on_the_smtp_and_imap_listeners()
    {
        var check = RuntimeStage().Single(l => l.Instruction == "HEALTHCHECK").Arguments;
        Assert.StartsWith("--interval=30s --timeout=5s", check, StringComparison.Ordinal);
        Assert.Contains("CMD [\"bash\", \"-c\", \"exec 3<>/dev/tcp/127.0.0.1/25 && exec 4<>/dev/tcp/127.0.0.1/143\"]", check, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_entrypoint_is_serve_as_the_edge_on_the_aws_store()
    {
        var entrypoint = RuntimeStage().Single(l => l.Instruction == "ENTRYPOINT").Arguments;
        var words = System.Text.Json.JsonSerializer.Deserialize<string[]>(entrypoint)!; // exec form: no shell in between
        Assert.Equal(["serverlessmail", "serve", "--role", "edge", "--store", "aws"], words);
        Assert.Contains(RuntimeStage(), l => l.Instruction == "RUN" && l.Arguments.Contains("ln -s /app/serverlessmail /usr/local/bin/serverlessmail", StringComparison.Ordinal));
    }

    private static List<(string Instruction, string Arguments)> RuntimeStage() =>
        Lines[Lines.FindLastIndex(l => l.Instruction == "FROM")..];

    private static Dictionary<string, string> Environment() =>
        RuntimeStage().Where(l => l.Instruction == "ENV")
            .SelectMany(l => l.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
}
