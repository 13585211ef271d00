namespace ServerlessMail.Smtp;

/// <summary>RSET (RFC 5321 §4.1.1.5): drops the transaction (and a BDAT upload in progress), keeps EHLO and AUTH.</summary>
internal static class RsetHandler
{
    public static async ValueTask<SmtpState> HandleAsync(SmtpSession session, SmtpState state, ReadOnlyMemory<byte> arguments)
    {
        if (!RsetParser.TryParse(arguments.Span))
        {
            session.Reject(SmtpRejection.SyntaxError);
            return state;
        }

        if (state is ChunkingState chunking)
        {
            await chunking.Upload.AbortAsync().ConfigureAwait(false);
        }

        session.Reply(SmtpReplies.Ok);
        return state switch
        {
            ReadyState ready => ready,
            MailState mail => SmtpSession.AfterTransaction(mail.Helo),
            RecipientsState recipients => SmtpSession.AfterTransaction(recipients.Helo),
            ChunkingState chunks => SmtpSession.AfterTransaction(chunks.Helo),
            _ => InitialState.Instance,
        };
    }
}
