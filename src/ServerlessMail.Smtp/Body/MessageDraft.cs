using System.Net;

namespace ServerlessMail.Smtp;

/// <summary>Everything a committer needs besides the content: the envelope, the trace header, who is sending.</summary>
internal sealed record MessageDraft(
    string MailFrom,
    IReadOnlyList<string> Recipients,
    string Helo,
    IPAddress RemoteAddress,
    byte[] Received,
    SmtpAuthentication? Authentication);
