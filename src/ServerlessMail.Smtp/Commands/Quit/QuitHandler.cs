namespace ServerlessMail.Smtp;

/// <summary>QUIT (RFC 5321 §4.1.1.10): 221 and close. An unfinished BDAT upload is aborted when the session ends.</summary>
internal static class QuitHandler
{
    public static ValueTask<SmtpState> HandleAsync(SmtpSession session, SmtpState state, ReadOnlyMemory<byte> arguments)
    {
        if (!QuitParser.TryParse(arguments.Span))
        {
            session.Reject(SmtpRejection.SyntaxError);
            return ValueTask.FromResult(state);
        }

        session.Reply(SmtpReplies.Bye(session.Options.HostName));
        session.Close();
        return ValueTask.FromResult(state);
    }
}
