using ServerlessMail.Net;

namespace ServerlessMail.Smtp;

/// <summary>
/// STARTTLS (RFC 3207). After the 220 the connection switches to TLS; any byte the client sent after the command and
/// before the handshake is plaintext that could have been injected (CVE-2011-0411), so the connection closes instead.
/// After the handshake the session forgets everything (RFC 3207 §4.2): it starts again before EHLO.
/// </summary>
internal static class StartTlsHandler
{
    public static async ValueTask<SmtpState> HandleAsync(SmtpSession session, ReadyState state, ReadOnlyMemory<byte> arguments)
    {
        if (!StartTlsParser.TryParse(arguments.Span))
        {
            session.Reject(SmtpRejection.SyntaxError);
            return state;
        }

        if (session.Connection.IsTls)
        {
            session.Reject(SmtpRejection.TlsAlreadyActive);
            return state;
        }

        if (session.Context.Certificate is not { } certificate)
        {
            session.Reject(SmtpRejection.TlsNotAvailable);
            return state;
        }

        session.Reply(SmtpReplies.ReadyForTls);
        await session.FlushAsync().ConfigureAwait(false);
        var result = await session.Connection.UpgradeToTlsAsync(
            certificate.ServerOptions(), session.UnreadInputLength(), session.Options.TlsHandshakeTimeout, session.Cancellation).ConfigureAwait(false);
        switch (result)
        {
            case TlsUpgradeResult.Upgraded:
                session.OnTlsStarted();
                return InitialState.Instance;
            case TlsUpgradeResult.PlaintextPipelined:
                SmtpLog.StartTlsInjection(session.Logger, session.Id, session.Connection.RemoteEndPoint?.ToString());
                session.Close();
                return state;
            default:
                SmtpLog.HandshakeFailed(session.Logger, session.Id);
                session.Close();
                return state;
        }
    }
}
