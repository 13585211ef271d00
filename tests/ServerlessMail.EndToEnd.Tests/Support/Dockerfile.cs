using System.Text.Json;
using ServerlessMail.Cdk.Tests;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>
/// The runtime stage of src/ServerlessMail.Cli/Dockerfile as Docker reads it (<see cref="DockerfileParser"/>): its ENV
/// pairs, and the exec-form ENTRYPOINT and HEALTHCHECK CMD.
/// </summary>
internal sealed class Dockerfile
{
    private readonly List<(string Instruction, string Arguments)> _runtime;

    private Dockerfile(List<(string, string)> runtime) => _runtime = runtime;

    public static Dockerfile Edge { get; } = Read(Path.Combine(RepositoryLayout.Root, "src", "ServerlessMail.Cli", "Dockerfile"));

    /// <summary>The image's ENV, in order (later wins, as in Docker).</summary>
    public Dictionary<string, string> Environment => _runtime.Where(l => l.Instruction == "ENV")
        .SelectMany(l => l.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    public string[] Entrypoint => JsonSerializer.Deserialize<string[]>(Single("ENTRYPOINT"))!;

    /// <summary>The HEALTHCHECK's exec-form command (after <c>CMD</c>).</summary>
    public string[] HealthCheck
    {
        get
        {
            var arguments = Single("HEALTHCHECK");
            return JsonSerializer.Deserialize<string[]>(arguments[(arguments.IndexOf("CMD [", StringComparison.Ordinal) + 4)..])!;
        }
    }

    public string WorkingDirectory => _runtime.Last(l => l.Instruction == "WORKDIR").Arguments;

    private string Single(string instruction) => _runtime.Single(l => l.Instruction == instruction).Arguments;

    private static Dockerfile Read(string path)
    {
        var lines = DockerfileParser.Parse(File.ReadAllText(path));
        return new Dockerfile(lines[lines.FindLastIndex(l => l.Instruction == "FROM")..]);
    }
}
