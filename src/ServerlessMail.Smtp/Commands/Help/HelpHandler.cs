namespace ServerlessMail.Smtp;

/// <summary>HELP (RFC 5321 §4.1.1.8): 214 with the list of commands.</summary>
internal static class HelpHandler
{
    public static ValueTask<SmtpState> HandleAsync(SmtpSession session, SmtpState state, ReadOnlyMemory<byte> arguments)
    {
        if (!HelpParser.TryParse(arguments.Span))
        {
            session.Reject(SmtpRejection.SyntaxError);
            return ValueTask.FromResult(state);
        }

        session.Reply(SmtpReplies.Help);
        return ValueTask.FromResult(state);
    }
}
