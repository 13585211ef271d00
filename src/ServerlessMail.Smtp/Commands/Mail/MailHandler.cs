namespace ServerlessMail.Smtp;

/// <summary>MAIL (RFC 5321 §4.1.1.2): starts a transaction. On submission, only an authenticated inbox sending as itself.</summary>
internal static class MailHandler
{
    public static async ValueTask<SmtpState> HandleAsync(SmtpSession session, ReadyState state, ReadOnlyMemory<byte> arguments)
    {
        var rejection = MailParser.TryParse(arguments.Span, session.CanAuthenticate, out var command);
        if (rejection is { } refused)
        {
            session.Reject(refused);
            return state;
        }

        if (command!.Size > session.Options.MaxMessageSize)
        {
            session.Reject(SmtpRejection.DeclaredSizeTooLarge);
            return state;
        }

        if (session.IsSubmission)
        {
            if (session.Authentication is not { } auth)
            {
                session.Reject(session.Connection.IsTls ? SmtpRejection.AuthRequired : SmtpRejection.TlsRequired);
                return state;
            }

            if (!await SmtpAuthenticator.StillValidAsync(session, auth).ConfigureAwait(false))
            {
                return state;
            }

            if (command.Path.IsNull || !SenderPolicy.MayUse(session.Options, auth.Inbox, command.Path.Address))
            {
                session.Reject(SmtpRejection.SenderNotAllowed);
                return state;
            }
        }

        session.Reply(SmtpReplies.SenderOk);
        return new MailState(state.Helo, new MailTransaction(command.Path, command.Size, command.SmtpUtf8));
    }
}
