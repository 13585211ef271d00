namespace ServerlessMail.Cli;

/// <summary>The exit codes scripts can tell apart.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something asked for does not fit what is stored: an unknown inbox, an address taken, a bad value.</summary>
    public const int Failed = 1;

    /// <summary>A flag or <c>SERVERLESSMAIL_*</c> variable has a value that cannot be used.</summary>
    public const int BadOptions = 2;

    /// <summary>The server could not start: a port in use, a store or certificate that would not open.</summary>
    public const int StartFailed = 3;
}
