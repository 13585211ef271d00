namespace ServerlessMail.Cli;

/// <summary>Bad input from the operator: reported as one readable line on stderr with a non-zero exit, never a stack trace.</summary>
internal sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
