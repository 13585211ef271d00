namespace ServerlessMail.Cdk.Tests;

/// <summary>
/// Reads a Dockerfile as Docker's parser does: comments and blank lines dropped, backslash continuations joined, one
/// instruction per line. Shared (linked) with ServerlessMail.EndToEnd.Tests, which runs the edge's entrypoint.
/// </summary>
internal static class DockerfileParser
{
    public static List<(string Instruction, string Arguments)> Parse(string text)
    {
        var result = new List<(string, string)>();
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1].Trim() + " ";
                continue;
            }

            current += line;
            var space = current.IndexOf(' ', StringComparison.Ordinal);
            result.Add((current[..space].ToUpperInvariant(), current[(space + 1)..].Trim()));
            current = "";
        }

        return result;
    }
}
