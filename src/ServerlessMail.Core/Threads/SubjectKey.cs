using System.Security.Cryptography;
using System.Text;
using ServerlessMail.Mime;

namespace ServerlessMail.Core;

/// <summary>The threading key of a subject: reply and forward prefixes stripped, white space collapsed, case folded, hashed.</summary>
public static class SubjectKey
{
    public static string? For(string? subject)
    {
        var stripped = SubjectPrefixes.StripAll(subject);
        if (stripped.Length == 0)
        {
            return null;
        }

        var normalized = string.Join(' ', stripped.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..32];
    }
}
