using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ServerlessMail.Core;

namespace ServerlessMail.Storage.Local.Paging;

/// <summary>
/// Opaque, tamper-evident cursors: the position (a UID or an id) followed by an HMAC-SHA256 tag over the listing kind,
/// its scope (the folder, account or inbox listed) and the position, keyed with a secret kept in the database. An
/// edited cursor, one from another listing, or one from another store fails the check.
/// </summary>
internal sealed class CursorCodec(byte[] key)
{
    private const int TagLength = 16;

    public string Encode(string kind, string scope, string position)
    {
        var payload = Encoding.UTF8.GetBytes(position);
        var tag = Tag(kind, scope, payload);
        var bytes = new byte[payload.Length + TagLength];
        payload.CopyTo(bytes, 0);
        tag.AsSpan(0, TagLength).CopyTo(bytes.AsSpan(payload.Length));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The position; a cursor that does not verify: <see cref="MailStoreError.InvalidCursor"/>.</summary>
    public string Decode(string cursor, string kind, string scope)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            throw MailStoreException.InvalidCursor();
        }

        if (bytes.Length <= TagLength || bytes.Length > 1024)
        {
            throw MailStoreException.InvalidCursor();
        }

        var payload = bytes.AsSpan(0, bytes.Length - TagLength);
        var expected = Tag(kind, scope, payload);
        if (!CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, TagLength), bytes.AsSpan(payload.Length)))
        {
            throw MailStoreException.InvalidCursor();
        }

        return Encoding.UTF8.GetString(payload);
    }

    public uint DecodeUid(string cursor, string kind, string scope) =>
        uint.TryParse(Decode(cursor, kind, scope), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var uid)
            ? uid
            : throw MailStoreException.InvalidCursor();

    private byte[] Tag(string kind, string scope, ReadOnlySpan<byte> payload)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(kind + "\n" + scope + "\n"));
        hmac.AppendData(payload);
        return hmac.GetHashAndReset();
    }
}
