using System.Security.Cryptography;
using System.Text;

namespace ServerlessMail.Storage.Aws.Dynamo;

/// <summary>
/// Opaque listing cursors: the listing's scope and the position, signed with HMAC-SHA256 and base64url-encoded. An
/// edited cursor, or one from another listing or another store, fails the check and is refused as
/// <see cref="MailStoreError.InvalidCursor"/> before any request is made.
/// </summary>
internal sealed class CursorCodec
{
    private const byte Version = 1;
    private const int MacLength = 16;
    private const int MaxCursorLength = 2048;

    private readonly byte[] _key;

    public CursorCodec(string? secret, string tableName)
    {
        _key = SHA256.HashData(Encoding.UTF8.GetBytes("serverlessmail-cursor\n" + (secret ?? "table:" + tableName)));
    }

    public string Encode(string scope, string position)
    {
        var positionBytes = Encoding.UTF8.GetBytes(position);
        var payload = new byte[1 + positionBytes.Length + MacLength];
        payload[0] = Version;
        positionBytes.CopyTo(payload, 1);
        Mac(scope, payload.AsSpan(0, 1 + positionBytes.Length)).CopyTo(payload.AsSpan(1 + positionBytes.Length));
        return Convert.ToBase64String(payload).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The position in <paramref name="cursor"/>, or null for no cursor (the first page).</summary>
    public string? Decode(string scope, string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var payload = FromBase64Url(cursor);
        if (payload is null || payload.Length <= 1 + MacLength || payload[0] != Version)
        {
            throw MailStoreException.InvalidCursor();
        }

        var body = payload.AsSpan(0, payload.Length - MacLength);
        if (!CryptographicOperations.FixedTimeEquals(Mac(scope, body), payload.AsSpan(payload.Length - MacLength)))
        {
            throw MailStoreException.InvalidCursor();
        }

        return Encoding.UTF8.GetString(body[1..]);
    }

    private byte[] Mac(string scope, ReadOnlySpan<byte> body)
    {
        var scopeBytes = Encoding.UTF8.GetBytes(scope + "\n");
        var data = new byte[scopeBytes.Length + body.Length];
        scopeBytes.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(scopeBytes.Length));
        return HMACSHA256.HashData(_key, data)[..MacLength];
    }

    private static byte[]? FromBase64Url(string text)
    {
        if (text.Length is 0 or > MaxCursorLength)
        {
            return null;
        }

        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }
}
