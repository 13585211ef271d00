namespace ServerlessMail.Architecture.Tests;

public sealed class ProjectReadmeTests
{
    public static TheoryData<string> SourceProjects()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(Path.Combine(RepositoryLayout.Root, "src")))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void EverySourceProject_HasAReadmeSayingWhatBelongsThere(string project)
    {
        var readme = Path.Combine(RepositoryLayout.Root, "src", project, "README.md");
        Assert.True(File.Exists(readme), $"src/{project}/README.md is missing");
        var lines = File.ReadAllLines(readme).Count(l => l.Trim().Length > 0);
        Assert.InRange(lines, 3, 40);
    }

    [Theory]
    [InlineData("src")]
    [InlineData("tests")]
    [InlineData("cdk")]
    [InlineData("events")]
    [InlineData("ServerlessMail.sln")]
    [InlineData("cdk.json")]
    [InlineData("README.md")]
    [InlineData(".ci/run")]
    public void TheFixedTopLevel_IsPresent(string path)
    {
        var full = Path.Combine(RepositoryLayout.Root, path);
        Assert.True(File.Exists(full) || Directory.Exists(full), $"{path} is missing");
    }

    [Fact]
    public void Solution_UsesTheClassicFormat()
    {
        var first = File.ReadLines(Path.Combine(RepositoryLayout.Root, "ServerlessMail.sln")).First(l => l.Trim().Length > 0);
        Assert.Contains("Microsoft Visual Studio Solution File", first, StringComparison.Ordinal);
    }
}
