using System.CommandLine;

namespace ServerlessMail.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("ServerlessMail: real mailboxes for agents, apps and people, reached with one API token.");
        return root.Parse(args).Invoke();
    }
}
