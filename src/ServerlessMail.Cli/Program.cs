using System.CommandLine;
using ServerlessMail.Cli.Mime;

namespace ServerlessMail.Cli;

internal static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the CLI with its output and errors sent to the given writers (tests call this directly).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("ServerlessMail: real mailboxes for agents, apps and people, reached with one API token.")
        {
            MimeCommands.Create(),
        };

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return root.Parse(args).Invoke(configuration);
        }
        catch (CliException exception)
        {
            error.WriteLine($"serverlessmail: {exception.Message}");
            return exception.ExitCode;
        }
    }
}
