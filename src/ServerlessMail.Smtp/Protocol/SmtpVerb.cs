namespace ServerlessMail.Smtp;

/// <summary>The commands the server knows. Flags, so the state table can list a set per state.</summary>
[Flags]
internal enum SmtpVerb
{
    Unknown = 0,
    Ehlo = 1 << 0,
    Helo = 1 << 1,
    Mail = 1 << 2,
    Rcpt = 1 << 3,
    Data = 1 << 4,
    Bdat = 1 << 5,
    Rset = 1 << 6,
    Noop = 1 << 7,
    Quit = 1 << 8,
    Vrfy = 1 << 9,
    Help = 1 << 10,
    StartTls = 1 << 11,
    Auth = 1 << 12,

    /// <summary>Known but never implemented (RFC 5321 §3.5.2 lets a server refuse it): <c>502</c> in any state.</summary>
    Expn = 1 << 13,
}
