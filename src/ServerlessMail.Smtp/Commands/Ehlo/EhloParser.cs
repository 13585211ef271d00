using System.Text;
using System.Text.Unicode;

namespace ServerlessMail.Smtp;

/// <summary>EHLO / HELO: <c>SP ( Domain / address-literal )</c> (RFC 5321 §4.1.1.1).</summary>
internal static class EhloParser
{
    private const int MaxName = 255;

    /// <summary>
    /// The client's name. Lenient on purpose: real clients send bare host names, so any printable token is taken as
    /// long as it fits; it is used only in the Received header, never echoed in a reply.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> arguments, out string name)
    {
        name = string.Empty;
        var token = arguments.Trim((byte)' ');
        var space = token.IndexOf((byte)' ');
        if (space >= 0)
        {
            token = token[..space];
        }

        if (token.IsEmpty || token.Length > MaxName || !Utf8.IsValid(token))
        {
            return false;
        }

        foreach (var b in token)
        {
            if (b < 33 || b == 127 || b == (byte)'(' || b == (byte)')')
            {
                return false;
            }
        }

        name = Encoding.UTF8.GetString(token);
        return true;
    }
}
