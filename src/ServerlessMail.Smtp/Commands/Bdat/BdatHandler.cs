namespace ServerlessMail.Smtp;

/// <summary>
/// BDAT (RFC 3030): each chunk's octets stream into the same upload as DATA's, without dot-stuffing, with the same
/// size, line and bare CR/LF checks. A chunk is always read to its end, even when refused, so the session stays in
/// sync; a malformed BDAT (no size to skip) ends the session.
/// </summary>
internal static class BdatHandler
{
    public static async ValueTask<SmtpState> HandleAsync(SmtpSession session, SmtpState state, ReadOnlyMemory<byte> arguments)
    {
        if (!BdatParser.TryParse(arguments.Span, out var command))
        {
            session.Reject(SmtpRejection.SyntaxError);
            session.Close();
            return state;
        }

        var (helo, mail, recipients, upload) = state switch
        {
            RecipientsState r => (r.Helo, r.Mail, r.Recipients, session.StartUpload(r.Helo, r.Mail, r.Recipients, dotStuffed: false)),
            ChunkingState c => (c.Helo, c.Mail, c.Recipients, c.Upload),
            _ => throw new InvalidOperationException($"BDAT in {state.Kind}."),
        };

        bool complete;
        try
        {
            complete = await session.TransferAsync(upload, command!.Size).ConfigureAwait(false);
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
            return SmtpSession.AfterTransaction(helo);
        }

        if (command.Last)
        {
            upload.Scanner.Finish();
        }

        if (command.Last || upload.Scanner.Rejection != BodyRejection.None)
        {
            // RFC 3030 §2: an error reply to any chunk ends the transaction.
            var outcome = await upload.CompleteAsync(SmtpSession.RejectedContent).ConfigureAwait(false);
            session.Reply(outcome.Reply);
            if (outcome.Close)
            {
                session.Close();
            }

            return SmtpSession.AfterTransaction(helo);
        }

        session.Reply(SmtpReplies.ChunkReceived(command.Size));
        return state as ChunkingState ?? new ChunkingState(helo, mail, recipients, upload);
    }

    /// <summary>BDAT out of place: read past the chunk, then refuse it.</summary>
    public static async Task RefuseAsync(SmtpSession session, ReadOnlyMemory<byte> arguments, SmtpRejection rejection)
    {
        if (!BdatParser.TryParse(arguments.Span, out var command))
        {
            session.Reject(SmtpRejection.SyntaxError);
            session.Close();
            return;
        }

        if (!await session.DiscardAsync(command!.Size).ConfigureAwait(false))
        {
            session.Close();
            return;
        }

        session.Reject(rejection);
    }
}
