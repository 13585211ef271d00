namespace ServerlessMail.Smtp;

/// <summary>NOOP (RFC 5321 §4.1.1.9): 250, nothing changes.</summary>
internal static class NoopHandler
{
    public static ValueTask<SmtpState> HandleAsync(SmtpSession session, SmtpState state, ReadOnlyMemory<byte> arguments)
    {
        if (!NoopParser.TryParse(arguments.Span))
        {
            session.Reject(SmtpRejection.SyntaxError);
            return ValueTask.FromResult(state);
        }

        session.Reply(SmtpReplies.Ok);
        return ValueTask.FromResult(state);
    }
}
