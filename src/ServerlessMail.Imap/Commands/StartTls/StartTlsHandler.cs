using ServerlessMail.Net;

namespace ServerlessMail.Imap;

/// <summary>
/// STARTTLS (RFC 3501 §6.2.1). After the OK the connection switches to TLS; any byte the client sent after the command
/// and before the handshake is plaintext that could have been injected (CVE-2011-0411), so the session closes instead.
/// </summary>
internal static class StartTlsHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        if (command.Arguments.Count > 0)
        {
            session.Bad(command.Tag, "STARTTLS takes no arguments");
            return state;
        }

        if (session.Connection.IsTls)
        {
            session.Bad(command.Tag, "TLS is already active");
            return state;
        }

        if (session.Context.Certificate is not { } certificate)
        {
            session.No(command.Tag, null, "TLS is not available");
            return state;
        }

        var unread = session.UnreadInputLength();
        if (unread > 0)
        {
            // Refused before the "go ahead": the pipelined bytes never reach a TLS session.
            ImapLog.StartTlsInjection(session.Logger, session.Id, session.Connection.RemoteEndPoint?.ToString());
            await session.ByeAndCloseAsync("Plaintext after STARTTLS").ConfigureAwait(false);
            return state;
        }

        session.Ok(command.Tag, "Begin TLS negotiation now");
        await session.FlushAsync().ConfigureAwait(false);
        var result = await session.Connection.UpgradeToTlsAsync(
            certificate.ServerOptions(), session.UnreadInputLength(), session.Options.TlsHandshakeTimeout, session.Cancellation).ConfigureAwait(false);
        switch (result)
        {
            case TlsUpgradeResult.Upgraded:
                session.OnTlsStarted();
                return NotAuthenticatedState.Instance;
            case TlsUpgradeResult.PlaintextPipelined:
                ImapLog.StartTlsInjection(session.Logger, session.Id, session.Connection.RemoteEndPoint?.ToString());
                session.Close();
                return state;
            default:
                ImapLog.HandshakeFailed(session.Logger, session.Id);
                session.Close();
                return state;
        }
    }
}
