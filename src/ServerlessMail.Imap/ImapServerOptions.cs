namespace ServerlessMail.Imap;

/// <summary>Every limit and default of the IMAP server, in one place.</summary>
public sealed class ImapServerOptions
{
    /// <summary>The name in the greeting and in responses.</summary>
    public string HostName { get; set; } = "localhost";

    /// <summary>RFC 7889 APPENDLIMIT: the largest message APPEND takes, and the cap on any literal after login.</summary>
    public long AppendLimit { get; set; } = 25 * 1024 * 1024;

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(HostName);
        ArgumentOutOfRangeException.ThrowIfLessThan(AppendLimit, 1024);
    }
}
