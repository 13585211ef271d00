using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessMail.Core;

/// <summary>
/// The token format: <c>sm_</c> + 32 random bytes in base62 (43 characters) + a 6-character base62 CRC32 of the
/// random part. The prefix makes a leaked token easy to recognise (secret scanners), and the checksum rejects a
/// mistyped one without a store lookup. Only the SHA-256 of the whole token is ever stored.
/// </summary>
public static class TokenFormat
{
    public const string Prefix = "sm_";

    private const int BodyLength = 43;
    private const int ChecksumLength = 6;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static int Length => Prefix.Length + BodyLength + ChecksumLength;

    /// <summary>A new random token. Show it once; store <see cref="Hash"/> of it.</summary>
    public static string Generate()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        var body = ToBase62(new BigInteger(random, isUnsigned: true, isBigEndian: true), BodyLength);
        return Prefix + body + Checksum(body);
    }

    /// <summary>True when the text has the token's shape and its checksum matches. Runs without touching the store.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> token)
    {
        if (token.Length != Length || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = token.Slice(Prefix.Length, BodyLength);
        foreach (var c in token[Prefix.Length..])
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return Checksum(body).AsSpan().SequenceEqual(token[(Prefix.Length + BodyLength)..]);
    }

    /// <summary>The SHA-256 of the token's UTF-8 bytes: the only form that is stored and looked up.</summary>
    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>What a list shows: <c>sm_</c> and the first four characters of the body.</summary>
    public static string DisplayPrefix(string token) => token[..Math.Min(token.Length, Prefix.Length + 4)];

    public static string LastFour(string token) => token[^Math.Min(token.Length, 4)..];

    private static string Checksum(ReadOnlySpan<char> body)
    {
        Span<byte> bytes = stackalloc byte[body.Length];
        for (var i = 0; i < body.Length; i++)
        {
            bytes[i] = (byte)body[i];
        }

        return ToBase62(Crc32.Compute(bytes), ChecksumLength);
    }

    private static string ToBase62(BigInteger value, int width)
    {
        var chars = new char[width];
        for (var i = width - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }

        return new string(chars);
    }
}
