using ServerlessMail.Net;

namespace ServerlessMail.Smtp;

/// <summary>
/// AUTH PLAIN and LOGIN (RFC 4954, RFC 4616), initial response allowed, on the submission roles under TLS only. The
/// user name is the inbox address, the password an API token with send permission covering that inbox.
/// </summary>
internal static class AuthHandler
{
    // RFC 4954 §4: LOGIN's prompts are "Username:" and "Password:" in base64.
    private const string UserNamePrompt = "VXNlcm5hbWU6";
    private const string PasswordPrompt = "UGFzc3dvcmQ6";

    public static async ValueTask<SmtpState> HandleAsync(SmtpSession session, ReadyState state, ReadOnlyMemory<byte> arguments)
    {
        AuthCommand? command = null;
        var rejection = !session.IsSubmission ? SmtpRejection.AuthNotAvailable
            : !session.Connection.IsTls ? SmtpRejection.TlsRequired
            : session.Authentication is not null ? SmtpRejection.AlreadyAuthenticated
            : AuthParser.TryParse(arguments.Span, out command);
        if (rejection is { } refused)
        {
            session.Reject(refused);
            return state;
        }

        var credentials = await ReadCredentialsAsync(session, command!).ConfigureAwait(false);
        if (credentials.Error != SaslError.None || credentials.Value is null)
        {
            if (credentials.Error != SaslError.None)
            {
                session.Reject(credentials.Error == SaslError.Cancelled ? SmtpRejection.AuthCancelled : SmtpRejection.MalformedBase64);
            }

            return state;
        }

        var outcome = await SmtpAuthenticator.AuthenticateAsync(session, credentials.Value).ConfigureAwait(false);
        switch (outcome)
        {
            case { Authentication: { } authentication }:
                session.Authentication = authentication;
                session.Reply(SmtpReplies.AuthSucceeded);
                break;
            case { TemporaryFailure: true }:
                session.Reply(SmtpReplies.TemporaryAuthFailure);
                break;
            default:
                SmtpLog.AuthFailed(session.Logger, session.Id, credentials.Value.UserName, session.Connection.RemoteEndPoint?.ToString());
                session.Reject(SmtpRejection.AuthFailed);
                break;
        }

        return state;
    }

    /// <summary>Runs the SASL exchange. A null value with no error means the input ended and the session closes.</summary>
    private static async Task<(SaslCredentials? Value, SaslError Error)> ReadCredentialsAsync(SmtpSession session, AuthCommand command)
    {
        if (command.Mechanism == SaslMechanism.Plain)
        {
            var response = command.InitialResponse ?? await PromptAsync(session, string.Empty).ConfigureAwait(false);
            if (response is null)
            {
                return (null, SaslError.None);
            }

            var error = Sasl.TryDecodePlain(response, out var plain);
            return (plain, error);
        }

        var user = command.InitialResponse ?? await PromptAsync(session, UserNamePrompt).ConfigureAwait(false);
        if (user is null)
        {
            return (null, SaslError.None);
        }

        var userError = Sasl.TryDecodeText(user, out var userName);
        if (userError != SaslError.None)
        {
            return (null, userError);
        }

        var password = await PromptAsync(session, PasswordPrompt).ConfigureAwait(false);
        if (password is null)
        {
            return (null, SaslError.None);
        }

        var passwordError = Sasl.TryDecodeText(password, out var secret);
        return passwordError != SaslError.None ? (null, passwordError) : (new SaslCredentials(userName!, userName!, secret!), SaslError.None);
    }

    private static async Task<byte[]?> PromptAsync(SmtpSession session, string challenge)
    {
        session.Reply(SmtpReplies.Challenge(challenge));
        var line = await session.ReadAuthResponseAsync().ConfigureAwait(false);
        if (line is null)
        {
            session.Close();
        }

        return line;
    }
}
