using System.Text;

namespace ServerlessMail.Smtp;

/// <summary><c>RCPT TO:( "&lt;Postmaster@" Domain "&gt;" / "&lt;Postmaster&gt;" / Forward-path ) [SP Rcpt-parameters]</c> (RFC 5321 §4.1.1.3).</summary>
internal static class RcptParser
{
    public static SmtpRejection? TryParse(ReadOnlySpan<byte> arguments, out RcptCommand? command)
    {
        command = null;
        if (arguments.Length < 3 || !Ascii.EqualsIgnoreCase(arguments[..3], "TO:"u8))
        {
            return SmtpRejection.SyntaxError;
        }

        var rest = arguments[3..].TrimStart((byte)' ');
        int used;
        if (rest.Length >= 12 && Ascii.EqualsIgnoreCase(rest[..12], "<Postmaster>"u8))
        {
            command = new RcptCommand(null, Postmaster: true);
            used = 12;
        }
        else if (SmtpPathParser.TryParse(rest, allowNull: false, out var path, out used))
        {
            command = new RcptCommand(path, Postmaster: false);
        }
        else
        {
            return SmtpRejection.BadAddress;
        }

        rest = rest[used..];
        if ((!rest.IsEmpty && rest[0] != (byte)' ') || !EsmtpParameters.TryParse(rest, out var parameters))
        {
            command = null;
            return SmtpRejection.SyntaxError;
        }

        // No RCPT parameter is offered (DSN's NOTIFY and ORCPT are left out).
        if (parameters.Count > 0)
        {
            command = null;
            return SmtpRejection.UnknownParameter;
        }

        return null;
    }
}
