using ServerlessMail.Core;

namespace ServerlessMail.Smtp;

/// <summary>
/// Who the session authenticated as: the token's principal and the inbox it sends from. The token secret is kept so
/// the session can notice revocation (it checks again before each MAIL and each commit); it is never logged.
/// </summary>
internal sealed class SmtpAuthentication(Principal principal, Inbox inbox, string secret)
{
    public Principal Principal { get; } = principal;

    public Inbox Inbox { get; } = inbox;

    public string Secret { get; } = secret;

    public override string ToString() => $"SmtpAuthentication {{ Inbox = {Inbox.Address}, Token = {Principal.TokenId}, Secret = (redacted) }}";
}
