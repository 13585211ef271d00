namespace ServerlessMail.Smtp;

/// <summary>
/// DATA (RFC 5321 §4.1.1.4): 354, then the content streams through the dot-unstuffing scanner into Core until
/// CRLF "." CRLF. The 250 is written only after Core's accept or submit returned.
/// </summary>
internal static class DataHandler
{
    public static async ValueTask<SmtpState> HandleAsync(SmtpSession session, RecipientsState state, ReadOnlyMemory<byte> arguments)
    {
        if (!DataParser.TryParse(arguments.Span))
        {
            session.Reject(SmtpRejection.SyntaxError);
            return state;
        }

        var upload = session.StartUpload(state.Helo, state.Mail, state.Recipients, dotStuffed: true);
        session.Reply(SmtpReplies.StartData);
        bool complete;
        try
        {
            complete = await session.TransferAsync(upload, count: null).ConfigureAwait(false);
        }
        catch
        {
            await upload.AbortAsync().ConfigureAwait(false);
            throw;
        }

        if (!complete)
        {
            await upload.AbortAsync().ConfigureAwait(false);
            session.Close();
            return SmtpSession.AfterTransaction(state.Helo);
        }

        var outcome = await upload.CompleteAsync(SmtpSession.RejectedContent).ConfigureAwait(false);
        session.Reply(outcome.Reply);
        if (outcome.Close)
        {
            session.Close();
        }

        return SmtpSession.AfterTransaction(state.Helo);
    }
}
