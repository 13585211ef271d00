using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessMail.Storage.Aws.Dynamo;

/// <summary>
/// The key patterns of the single table (docs/storage.md has the table). Partition keys name the thing an access
/// path starts from; sort keys order what a Query returns (UIDs zero-padded so string order is numeric order).
/// </summary>
internal static class Keys
{
    public const string AccountSk = "ACC";
    public const string BytesSk = "BYTES";
    public const string DomainSk = "DOM";
    public const string InboxSk = "INB";
    public const string AddressSk = "ADDR";
    public const string FolderSk = "FLD";
    public const string BodySk = "MSG";
    public const string DeliveryKeySk = "DK";
    public const string ThreadSk = "T";
    public const string TokenSk = "TOK";
    public const string CounterSk = "Q";
    public const string ChargeSk = "QI";
    public const string AcceptedSk = "ING";
    public const string OutboundSk = "OUT";
    public const string PointerSk = "P";

    public const string DomainCopyPrefix = "D#";
    public const string FolderNamePrefix = "N#";
    public const string StatePrefix = "M#";
    public const string TombstonePrefix = "X#";
    public const string ChunkPrefix = "C#";
    public const string SuppressionPrefix = "SUP#";
    public const string BlobRefPrefix = "M#";

    public static string Account(string accountId) => "ACC#" + accountId;

    public static string DomainCopy(string name) => DomainCopyPrefix + name;

    public static string Domain(string name) => "DOM#" + name;

    public static string Inbox(string inboxId) => "INB#" + inboxId;

    public static string Address(string address) => "ADDR#" + address;

    /// <summary>INBOX is one name in any case (RFC 3501 §5.1), so it has one key.</summary>
    public static string FolderName(string name) =>
        FolderNamePrefix + (string.Equals(name, Core.Folder.InboxName, StringComparison.OrdinalIgnoreCase) ? Core.Folder.InboxName : name);

    public static string Folder(string folderId) => "FLD#" + folderId;

    public static string State(uint uid) => StatePrefix + uid.ToString("D10", CultureInfo.InvariantCulture);

    public static string Tombstone(uint uid) => TombstonePrefix + uid.ToString("D10", CultureInfo.InvariantCulture);

    public static uint UidOf(string stateOrTombstoneSk) =>
        uint.Parse(stateOrTombstoneSk.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture);

    public static string Message(string messageId) => "MSG#" + messageId;

    public static string Chunk(int index) => ChunkPrefix + index.ToString("D2", CultureInfo.InvariantCulture);

    public static string DeliveryKey(string key) => "DK#" + Hashed(key);

    public static string Blob(string blobKey) => "BLOB#" + blobKey;

    public static string BlobRef(string messageId) => BlobRefPrefix + messageId;

    public static string ThreadByMessageId(string accountId, string messageIdHeader) => "TMID#" + accountId + "#" + Hashed(messageIdHeader);

    public static string ThreadBySubject(string accountId, string subjectKey) => "TSUB#" + accountId + "#" + subjectKey;

    public static string Thread(string accountId, string threadId) => "THR#" + accountId + "#" + threadId;

    public static string Token(string tokenId) => "TOK#" + tokenId;

    public static string Suppression(string address) => SuppressionPrefix + address;

    public static string TokenHash(ReadOnlySpan<byte> hash) => "TOKH#" + Convert.ToHexStringLower(hash);

    public static string Counter(string key) => "Q#" + key;

    public static string Charge(string idempotencyKey) => "QI#" + Hashed(idempotencyKey);

    public static string Accepted(string acceptedId) => "ING#" + acceptedId;

    public static string Outbound(string outboundId) => "OUT#" + outboundId;

    public static string OutboundKey(string accountId, string idempotencyKey) => "OIK#" + accountId + "#" + Hashed(idempotencyKey);

    public static string Provider(string providerMessageId) => "PROV#" + Hashed(providerMessageId);

    // GSI1: children of a parent, newest first (ids sort by creation time).
    public static string InboxesOf(string accountId) => "ACC#" + accountId + "#INB";

    public static string TokensOf(string accountId) => "ACC#" + accountId + "#TOK";

    public static string OutboundOf(string inboxId) => "INB#" + inboxId + "#OUT";

    // GSI2: due work, spread over shards so no one index partition takes every accept.
    public const int DueShards = 8;

    public static string DueAccepted(int shard) => "DUE#ING#" + shard.ToString(CultureInfo.InvariantCulture);

    public static string DueOutbound(int shard) => "DUE#OUT#" + shard.ToString(CultureInfo.InvariantCulture);

    public static int ShardOf(string id) => (int)(Spread(id) % DueShards);

    public static string DueSort(DateTimeOffset at, string id) => Ticks(at) + "#" + id;

    /// <summary>A sort key above every <see cref="DueSort"/> value at or before <paramref name="at"/>.</summary>
    public static string DueUpTo(DateTimeOffset at) => Ticks(at) + "#~";

    public static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// Key parts taken from mail or clients (Message-IDs, idempotency keys) are hashed: their length is not ours to
    /// bound, and a key part must stay under DynamoDB's 1 KB sort key and 2 KB partition key.
    /// </summary>
    public static string Hashed(string value) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static uint Spread(string value)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
        return BitConverter.ToUInt32(hash, 0);
    }
}
