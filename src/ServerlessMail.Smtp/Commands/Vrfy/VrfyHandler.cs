namespace ServerlessMail.Smtp;

/// <summary>VRFY, disabled politely with 252 (RFC 5321 §3.5.3): it would only help address harvesting.</summary>
internal static class VrfyHandler
{
    public static ValueTask<SmtpState> HandleAsync(SmtpSession session, SmtpState state, ReadOnlyMemory<byte> arguments)
    {
        if (!VrfyParser.TryParse(arguments.Span))
        {
            session.Reject(SmtpRejection.SyntaxError);
            return ValueTask.FromResult(state);
        }

        session.Reply(SmtpReplies.CannotVerify);
        return ValueTask.FromResult(state);
    }
}
