using System.Security.Cryptography;

namespace ServerlessMail.Mime;

/// <summary>
/// Multipart boundaries (RFC 2046 §5.1.1). Each starts with <c>=_</c>, which neither base64 (no "_", and "=" only as
/// final padding) nor quoted-printable ("=" is followed by a hex digit or a line break) can produce, and carries
/// about 140 random bits so that raw text cannot contain it by chance or by design.
/// </summary>
internal static class BoundaryGenerator
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Create() => "=_" + RandomNumberGenerator.GetString(Alphabet, 24);
}
