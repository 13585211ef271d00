using System.Globalization;
using System.Text;

namespace ServerlessMail.Smtp;

/// <summary>
/// <c>MAIL FROM:Reverse-path [SP Mail-parameters]</c> (RFC 5321 §4.1.1.2) with SIZE (RFC 1870), BODY (RFC 6152),
/// SMTPUTF8 (RFC 6531) and, where AUTH is offered, AUTH= (RFC 4954 §5, accepted and ignored).
/// </summary>
internal static class MailParser
{
    public static SmtpRejection? TryParse(ReadOnlySpan<byte> arguments, bool authOffered, out MailCommand? command)
    {
        command = null;
        if (arguments.Length < 5 || !Ascii.EqualsIgnoreCase(arguments[..5], "FROM:"u8))
        {
            return SmtpRejection.SyntaxError;
        }

        // RFC 5321 has no space after the colon, but enough clients send one that refusing it helps no one.
        var rest = arguments[5..].TrimStart((byte)' ');
        if (!SmtpPathParser.TryParse(rest, allowNull: true, out var path, out var used))
        {
            return SmtpRejection.BadAddress;
        }

        rest = rest[used..];
        if ((!rest.IsEmpty && rest[0] != (byte)' ') || !EsmtpParameters.TryParse(rest, out var parameters))
        {
            return SmtpRejection.SyntaxError;
        }

        long? size = null;
        var utf8 = false;
        foreach (var (name, value) in parameters)
        {
            switch (name)
            {
                case "SIZE" when value is { Length: > 0 and <= 20 } && value.All(char.IsAsciiDigit):
                    size = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var declared) ? declared : long.MaxValue;
                    break;
                case "BODY" when value is not null && (value.Equals("7BIT", StringComparison.OrdinalIgnoreCase) || value.Equals("8BITMIME", StringComparison.OrdinalIgnoreCase)):
                    break;
                case "SMTPUTF8" when value is null:
                    utf8 = true;
                    break;
                case "AUTH" when authOffered && value is not null:
                    break;
                case "SIZE" or "BODY" or "SMTPUTF8":
                    return SmtpRejection.SyntaxError;
                default:
                    return SmtpRejection.UnknownParameter;
            }
        }

        if (!path.IsAscii && !utf8)
        {
            return SmtpRejection.NeedsSmtpUtf8;
        }

        command = new MailCommand(path, size, utf8);
        return null;
    }
}
