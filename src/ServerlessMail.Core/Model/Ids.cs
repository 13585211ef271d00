using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ServerlessMail.Core;

/// <summary>
/// Opaque, prefixed ids (<c>msg_…</c>, <c>inb_…</c>): 48 bits of milliseconds then 80 random bits, in Crockford
/// base32, so ids sort by creation time (newest-first listings can order by id) and never collide in practice.
/// </summary>
public static class Ids
{
    public const string Account = "acc";
    public const string Inbox = "inb";
    public const string Folder = "fld";
    public const string Message = "msg";
    public const string Token = "tok";
    public const string Outbound = "out";
    public const string Accepted = "ing";

    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string New(string prefix, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var milliseconds = (ulong)(clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds();
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);

        // 128 bits: 48 of time then 80 of randomness, written as 26 base32 digits (130 bits, the top 2 zero).
        var high = (milliseconds << 16) | ((ulong)random[0] << 8) | random[1];
        var low = BinaryPrimitives.ReadUInt64BigEndian(random[2..]);
        return Format(prefix, high, low);
    }

    private static string Format(string prefix, ulong high, ulong low) =>
        string.Create(prefix.Length + 1 + 26, (prefix, high, low), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            span[state.prefix.Length] = '_';
            var digits = span[(state.prefix.Length + 1)..];
            var (hi, lo) = (state.high, state.low);
            for (var i = 25; i >= 0; i--)
            {
                digits[i] = Alphabet[(int)(lo & 31)];
                lo = (lo >> 5) | ((hi & 31) << 59);
                hi >>= 5;
            }
        });

    /// <summary>
    /// An id of the same shape derived from a key (the first 128 bits of its SHA-256), for records that must be found
    /// again from the same input: an idempotency key, or an S3 object key seen in a repeated event.
    /// </summary>
    public static string FromKey(string prefix, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentNullException.ThrowIfNull(key);
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
        var high = BinaryPrimitives.ReadUInt64BigEndian(hash) >> 2;
        var low = BinaryPrimitives.ReadUInt64BigEndian(hash.AsSpan(8));
        return Format(prefix, high, low);
    }

    /// <summary>True when <paramref name="id"/> has the prefix and the shape this class produces (a cheap check before a lookup).</summary>
    public static bool IsWellFormed(string? id, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (id is null || id.Length != prefix.Length + 27 || !id.StartsWith(prefix, StringComparison.Ordinal) || id[prefix.Length] != '_')
        {
            return false;
        }

        foreach (var c in id.AsSpan(prefix.Length + 1))
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
