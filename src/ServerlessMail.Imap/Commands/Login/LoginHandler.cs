namespace ServerlessMail.Imap;

/// <summary>LOGIN (RFC 3501 §6.2.3), refused before TLS (LOGINDISABLED).</summary>
internal static class LoginHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        if (!session.CanLogin)
        {
            session.No(command.Tag, "PRIVACYREQUIRED", "LOGIN is disabled before STARTTLS");
            return state;
        }

        if (!LoginParser.TryParse(command.Arguments, out var userName, out var password))
        {
            session.Bad(command.Tag, "LOGIN takes a user name and a password");
            return state;
        }

        return await ImapAuthenticator.LoginAsync(session, command.Tag, userName, password).ConfigureAwait(false) ?? state;
    }
}
