using System.Globalization;

namespace ServerlessMail.Imap;

/// <summary>The CAPABILITY list (RFC 3501 §6.1.1), which depends on TLS and the state.</summary>
internal static class Capabilities
{
    private const string Always = "IMAP4rev1 IMAP4rev2 IDLE SPECIAL-USE NAMESPACE UIDPLUS MOVE ID ENABLE UNSELECT LITERAL+ CHILDREN SASL-IR ESEARCH SEARCHRES CONDSTORE QRESYNC LIST-EXTENDED LIST-STATUS STATUS=SIZE BINARY";

    public static string Line(ImapSession session, ImapState state)
    {
        var line = "CAPABILITY " + Always + " APPENDLIMIT=" + session.Options.AppendLimit.ToString(CultureInfo.InvariantCulture);
        if (state is not NotAuthenticatedState)
        {
            return line;
        }

        if (session.CanStartTls)
        {
            line += " STARTTLS";
        }

        // RFC 3501 §6.2.3 and RFC 8314: no cleartext passwords, so no LOGIN and no AUTH= before TLS.
        return session.CanLogin ? line + " AUTH=PLAIN AUTH=LOGIN" : line + " LOGINDISABLED";
    }
}
