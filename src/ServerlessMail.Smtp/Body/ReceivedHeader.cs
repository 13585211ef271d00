using System.Globalization;
using System.Text;

namespace ServerlessMail.Smtp;

/// <summary>
/// The trace header an SMTP server MUST prepend to every message it accepts (RFC 5321 §4.4), with the protocol named
/// as RFC 3848 and RFC 6531 §3.7.3 register it (ESMTP, ESMTPS, ESMTPSA, UTF8SMTPS, ...).
/// </summary>
internal static class ReceivedHeader
{
    public static byte[] Create(SmtpSession session, HeloInfo helo, MailTransaction mail)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(helo);
        ArgumentNullException.ThrowIfNull(mail);
        var protocol = (mail.SmtpUtf8 ? "UTF8SMTP" : helo.Extended ? "ESMTP" : "SMTP")
            + (session.Connection.IsTls ? "S" : string.Empty)
            + (session.Authentication is not null ? "A" : string.Empty);
        if (protocol == "SMTPS" || protocol == "SMTPA" || protocol == "SMTPSA")
        {
            protocol = "E" + protocol;
        }

        var now = session.Context.Clock.GetUtcNow();
        var id = string.Create(CultureInfo.InvariantCulture, $"{session.Id}.{session.NextMessageNumber()}");
        var date = now.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        var text = $"Received: from {helo.Name} ([{session.Connection.RemoteAddress}])\r\n\tby {session.Options.HostName} (ServerlessMail) with {protocol} id {id};\r\n\t{date}\r\n";
        return Encoding.UTF8.GetBytes(text);
    }
}
