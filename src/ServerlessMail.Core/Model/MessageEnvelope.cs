namespace ServerlessMail.Core;

/// <summary>How a message arrived: the SMTP envelope and who handed it over.</summary>
/// <param name="MailFrom">The reverse path (empty for bounces), as given in MAIL FROM.</param>
/// <param name="Recipients">The forward paths (RCPT TO), lower-cased.</param>
/// <param name="RemoteIp">The peer's address, when the message came over the network.</param>
/// <param name="AuthenticatedAs">The token id that submitted it, for authenticated submission.</param>
/// <param name="Helo">The EHLO/HELO name the peer gave.</param>
public sealed record MessageEnvelope(
    string MailFrom,
    IReadOnlyList<string> Recipients,
    string? RemoteIp = null,
    string? AuthenticatedAs = null,
    string? Helo = null);
