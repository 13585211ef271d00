namespace ServerlessMail.Imap;

/// <summary>Every limit and default of the IMAP server, in one place.</summary>
public sealed class ImapServerOptions
{
    /// <summary>The name in the greeting and in responses.</summary>
    public string HostName { get; set; } = "localhost";

    /// <summary>RFC 7889 APPENDLIMIT: the largest message APPEND takes, and the cap on any literal after login.</summary>
    public long AppendLimit { get; set; } = 25 * 1024 * 1024;

    /// <summary>The longest command line (outside literals) before login: LOGIN and AUTHENTICATE need little.</summary>
    public int MaxLineLengthBeforeLogin { get; set; } = 8 * 1024;

    /// <summary>The longest command line (outside literals) after login; long UID sets from clients fit (RFC 7162 §4 suggests 8 KB+).</summary>
    public int MaxLineLength { get; set; } = 64 * 1024;

    /// <summary>The largest literal before login (a LOGIN password or user name).</summary>
    public int MaxLiteralBeforeLogin { get; set; } = 4 * 1024;

    /// <summary>All the literals of one command together, outside APPEND's message (a SEARCH with literal strings).</summary>
    public int MaxCommandLiterals { get; set; } = 1024 * 1024;

    /// <summary>RFC 3501 §5.4: an authenticated idle session may be closed after at least 30 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The login phase (greeting to LOGIN) is shorter: an unauthenticated peer holds nothing worth waiting for.</summary>
    public TimeSpan LoginTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Syntax errors and refused commands before the session says BYE.</summary>
    public int MaxBadCommands { get; set; } = 20;

    /// <summary>Failed LOGIN/AUTHENTICATE attempts per connection before BYE.</summary>
    public int MaxAuthFailures { get; set; } = 3;

    /// <summary>How often IDLE re-reads the store when no in-process notification comes (the AWS store, a Lambda delivering).</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a session re-checks its token, so a revoked token's sessions end within a minute.</summary>
    public TimeSpan TokenRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Parenthesis nesting in one command (SEARCH, FETCH lists, BODY[HEADER.FIELDS (…)]).</summary>
    public int MaxNesting { get; set; } = 32;

    /// <summary>Arguments (atoms, strings, list brackets) in one command.</summary>
    public int MaxArguments { get; set; } = 20_000;

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(HostName);
        ArgumentOutOfRangeException.ThrowIfLessThan(AppendLimit, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineLengthBeforeLogin, 512);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineLength, MaxLineLengthBeforeLogin);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLiteralBeforeLogin, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCommandLiterals, MaxLiteralBeforeLogin);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LoginTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TlsHandshakeTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBadCommands, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAuthFailures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdlePollInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TokenRecheckInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TokenRecheckInterval, TimeSpan.FromSeconds(60));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNesting, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxArguments, 64);
    }
}
