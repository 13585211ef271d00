namespace ServerlessMail.Imap;

/// <summary>LOGIN userid password (RFC 3501 §6.2.3): two astrings.</summary>
internal static class LoginParser
{
    public static bool TryParse(IReadOnlyList<ImapToken> arguments, out string userName, out string password)
    {
        var reader = new ArgumentReader(arguments);
        password = string.Empty;
        return reader.TryAString(out userName) && reader.TryAString(out password) && reader.End;
    }
}
