using System.Text;
using ServerlessMail.Net;

namespace ServerlessMail.Imap;

/// <summary>
/// AUTHENTICATE PLAIN and LOGIN (RFC 3501 §6.2.2), with an initial response (RFC 4959 SASL-IR), under TLS only. The
/// SASL responses are secrets: they are never logged.
/// </summary>
internal static class AuthenticateHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var arguments = new ArgumentReader(command.Arguments);
        if (!arguments.TryAtom(out var mechanism))
        {
            session.Bad(command.Tag, "AUTHENTICATE needs a mechanism");
            return state;
        }

        var initial = arguments.TryAtom(out var ir) ? ir : null;
        if (!arguments.End)
        {
            session.Bad(command.Tag, "Too many arguments");
            return state;
        }

        if (!session.CanLogin)
        {
            session.No(command.Tag, "PRIVACYREQUIRED", "Authentication is disabled before STARTTLS");
            return state;
        }

        SaslCredentials? credentials;
        switch (mechanism.ToUpperInvariant())
        {
            case "PLAIN":
                var response = initial ?? await PromptAsync(session, string.Empty).ConfigureAwait(false);
                if (response is null)
                {
                    return state;
                }

                var error = Sasl.TryDecodePlain(Encoding.ASCII.GetBytes(response), out credentials);
                if (!Answered(session, command.Tag, error))
                {
                    return state;
                }

                break;
            case "LOGIN":
                var user = initial ?? await PromptAsync(session, "VXNlcm5hbWU6").ConfigureAwait(false);
                if (user is null || !Answered(session, command.Tag, Sasl.TryDecodeText(Encoding.ASCII.GetBytes(user), out var name)))
                {
                    return state;
                }

                var secret = await PromptAsync(session, "UGFzc3dvcmQ6").ConfigureAwait(false);
                if (secret is null || !Answered(session, command.Tag, Sasl.TryDecodeText(Encoding.ASCII.GetBytes(secret), out var password)))
                {
                    return state;
                }

                credentials = new SaslCredentials(name!, name!, password!);
                break;
            default:
                session.No(command.Tag, "CANNOT", "Unsupported mechanism");
                return state;
        }

        if (!string.Equals(credentials!.AuthorizationId, credentials.UserName, StringComparison.OrdinalIgnoreCase))
        {
            // RFC 4616 §2: acting for another identity is the server's decision, and it says no.
            session.No(command.Tag, "AUTHORIZATIONFAILED", "Authorization identity refused");
            session.CountAuthFailure();
            return state;
        }

        return await ImapAuthenticator.LoginAsync(session, command.Tag, credentials.UserName, credentials.Password).ConfigureAwait(false) ?? state;
    }

    private static async Task<string?> PromptAsync(ImapSession session, string challenge)
    {
        session.Continue(challenge);
        var line = await session.ReadLineAsync(Sasl.MaxResponseLength + 2).ConfigureAwait(false);
        if (line is null)
        {
            session.Close();
            return null;
        }

        session.LogServer("(SASL response redacted)");
        return Encoding.ASCII.GetString(line);
    }

    private static bool Answered(ImapSession session, string tag, SaslError error)
    {
        switch (error)
        {
            case SaslError.None:
                return true;
            case SaslError.Cancelled:
                session.Bad(tag, "Authentication cancelled");
                return false;
            default:
                session.Bad(tag, "Malformed SASL response");
                return false;
        }
    }
}
