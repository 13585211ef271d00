using System.Globalization;

namespace ServerlessMail.Smtp;

/// <summary>EHLO and HELO (RFC 5321 §4.1.1.1): greet, advertise the extensions, and start over without a transaction.</summary>
internal static class EhloHandler
{
    public static ValueTask<SmtpState> HandleAsync(SmtpSession session, SmtpState state, ReadOnlyMemory<byte> arguments, bool extended)
    {
        if (!EhloParser.TryParse(arguments.Span, out var name))
        {
            session.Reject(SmtpRejection.SyntaxError);
            return ValueTask.FromResult(state);
        }

        session.Reply(extended ? Capabilities(session) : new SmtpReply(250, null, session.Options.HostName));
        return ValueTask.FromResult<SmtpState>(new ReadyState(new HeloInfo(name, extended)));
    }

    /// <summary>
    /// The EHLO reply. DSN (RFC 3461) is deliberately not offered: delivery status is tracked per OutboundEmail and read
    /// through the API, so NOTIFY/RET/ENVID/ORCPT are refused as unknown parameters.
    /// </summary>
    private static SmtpReply Capabilities(SmtpSession session)
    {
        var lines = new List<string>
        {
            "PIPELINING",
            "SIZE " + session.Options.MaxMessageSize.ToString(CultureInfo.InvariantCulture),
            "8BITMIME",
            "SMTPUTF8",
            "ENHANCEDSTATUSCODES",
            "CHUNKING",
        };
        if (session.CanStartTls)
        {
            lines.Add("STARTTLS");
        }

        if (session.CanAuthenticate)
        {
            lines.Add("AUTH PLAIN LOGIN");
        }

        return new SmtpReply(250, null, session.Options.HostName, lines);
    }
}
