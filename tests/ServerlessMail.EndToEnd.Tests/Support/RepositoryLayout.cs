namespace ServerlessMail.EndToEnd.Tests;

internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>The serverlessmail executable built beside these tests, in the same configuration (Debug or Release).</summary>
    public static string CliAssembly { get; } = FindCli();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ServerlessMail.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ServerlessMail.sln not found above the test binaries.");
    }

    private static string FindCli()
    {
        // The tests run from tests/<project>/bin/<Configuration>/<tfm>/.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!.Name;
        var path = Path.Combine(Root, "src", "ServerlessMail.Cli", "bin", configuration, tfm.Name, "serverlessmail.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution first.");
    }
}
