using System.CommandLine;
using ServerlessMail.Cli.Functions;
using ServerlessMail.Cli.Mime;
using ServerlessMail.Cli.Operator;
using ServerlessMail.Cli.Server;

namespace ServerlessMail.Cli;

internal static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the CLI with its output and errors sent to the given writers (tests call this directly).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("ServerlessMail: real mailboxes for agents, apps and people, reached with one API token.")
        {
            ServeCommand.Create(),
            InboxCommands.Create(),
            TokenCommands.Create(),
            AccountCommands.Create(),
            SendCommand.Create(),
            MessageCommands.Create(),
            MimeCommands.Create(),
            InvokeCommand.Create(),
        };

        // serve handles SIGTERM and Ctrl+C itself: System.CommandLine's handler would end the drain after two seconds.
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
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
