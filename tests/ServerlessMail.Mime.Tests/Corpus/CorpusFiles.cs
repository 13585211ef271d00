namespace ServerlessMail.Mime.Tests.Corpus;

internal static class CorpusFiles
{
    public static string Directory { get; } = FindCorpus();

    public static string[] All() => System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var file in All())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    private static string FindCorpus()
    {
        // Read the checked-in files in place (not copies in bin/), so regenerated goldens land in the repository.
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ServerlessMail.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"),
            "tests", "ServerlessMail.Mime.Tests", "Corpus");
    }
}
