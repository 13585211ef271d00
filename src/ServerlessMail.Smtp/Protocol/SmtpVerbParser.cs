using System.Text;

namespace ServerlessMail.Smtp;

/// <summary>Splits a command line into its verb (case-insensitive, RFC 5321 §2.4) and its arguments.</summary>
internal static class SmtpVerbParser
{
    private static readonly (byte[] Name, SmtpVerb Verb)[] Verbs =
    [
        ("EHLO"u8.ToArray(), SmtpVerb.Ehlo), ("HELO"u8.ToArray(), SmtpVerb.Helo), ("MAIL"u8.ToArray(), SmtpVerb.Mail),
        ("RCPT"u8.ToArray(), SmtpVerb.Rcpt), ("DATA"u8.ToArray(), SmtpVerb.Data), ("BDAT"u8.ToArray(), SmtpVerb.Bdat),
        ("RSET"u8.ToArray(), SmtpVerb.Rset), ("NOOP"u8.ToArray(), SmtpVerb.Noop), ("QUIT"u8.ToArray(), SmtpVerb.Quit),
        ("VRFY"u8.ToArray(), SmtpVerb.Vrfy), ("HELP"u8.ToArray(), SmtpVerb.Help), ("STARTTLS"u8.ToArray(), SmtpVerb.StartTls),
        ("AUTH"u8.ToArray(), SmtpVerb.Auth), ("EXPN"u8.ToArray(), SmtpVerb.Expn),
    ];

    /// <summary>The verb, and in <paramref name="argumentsStart"/> where its arguments begin (after one space).</summary>
    public static SmtpVerb Parse(ReadOnlySpan<byte> line, out int argumentsStart)
    {
        var space = line.IndexOf((byte)' ');
        var name = space < 0 ? line : line[..space];
        argumentsStart = space < 0 ? line.Length : space + 1;
        foreach (var (candidate, verb) in Verbs)
        {
            if (Ascii.EqualsIgnoreCase(name, candidate))
            {
                return verb;
            }
        }

        return SmtpVerb.Unknown;
    }

    /// <summary>True for a line whose verb is AUTH: only those may be longer than a command line (RFC 4954 §4).</summary>
    public static bool IsAuth(ReadOnlySpan<byte> line) =>
        line.Length >= 4 && Ascii.EqualsIgnoreCase(line[..4], "AUTH"u8) && (line.Length == 4 || line[4] == (byte)' ');
}
