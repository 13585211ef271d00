using System.Text;

namespace ServerlessMail.Smtp;

/// <summary><c>AUTH SP mechanism [SP initial-response]</c> (RFC 4954 §4); "=" is an empty initial response.</summary>
internal static class AuthParser
{
    public static SmtpRejection? TryParse(ReadOnlySpan<byte> arguments, out AuthCommand? command)
    {
        command = null;
        var space = arguments.IndexOf((byte)' ');
        var name = space < 0 ? arguments : arguments[..space];
        var initial = space < 0 ? default : arguments[(space + 1)..];
        if (name.IsEmpty || (space >= 0 && (initial.IsEmpty || initial.IndexOf((byte)' ') >= 0)))
        {
            return SmtpRejection.SyntaxError;
        }

        SaslMechanism mechanism;
        if (Ascii.EqualsIgnoreCase(name, "PLAIN"u8))
        {
            mechanism = SaslMechanism.Plain;
        }
        else if (Ascii.EqualsIgnoreCase(name, "LOGIN"u8))
        {
            mechanism = SaslMechanism.Login;
        }
        else
        {
            return SmtpRejection.UnknownMechanism;
        }

        command = new AuthCommand(mechanism, space < 0 ? null : initial.ToArray());
        return null;
    }
}
