using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    private const string SelectExpungeTarget = "SELECT folder_id, uid, flags, size, blob_key, account_id, inbox_id FROM messages WHERE id = $id";
    private const string DeleteMessageSql = "DELETE FROM messages WHERE id = $id";
    // A blob is still needed while a message uses it, and also while a record that will read it is pending: an
    // outbound message not yet relayed (its Sent copy shares the blob) or an accepted message not yet delivered to
    // every recipient (its delivered copies share it). The partial indexes of schema step 3 serve the last two.
    private const string BlobReferenced = """
        SELECT 1 FROM messages WHERE blob_key = $key
        UNION ALL SELECT 1 FROM outbound WHERE blob_key = $key AND status IN (0, 1)
        UNION ALL SELECT 1 FROM accepted WHERE blob_key = $key AND state = 0
        LIMIT 1
        """;

    /// <summary>
    /// Each folder touched gets one new MODSEQ for this expunge, recorded on a tombstone per UID, so
    /// <see cref="GetChangesAsync"/> reports the UIDs to a client that last synchronised before it (RFC 7162 §3.2.10).
    /// </summary>
    public Task<IReadOnlyList<string>> ExpungeAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        return WriteAsync<IReadOnlyList<string>>(
            session =>
            {
                var targets = new List<Expunged>();
                foreach (var id in messageIds.Distinct(StringComparer.Ordinal))
                {
                    using var reader = session.Command(SelectExpungeTarget).Bind("$id", id).ExecuteReader();
                    if (reader.Read())
                    {
                        targets.Add(new Expunged(
                            id, reader.GetString(0), reader.GetUInt32(1), (MessageFlags)reader.GetInt32(2), reader.GetInt64(3),
                            reader.GetString(4), reader.GetString(5), reader.GetString(6)));
                    }
                }

                foreach (var folder in targets.GroupBy(t => t.FolderId, StringComparer.Ordinal))
                {
                    var unseen = folder.Count(t => !IsSeen(t.Flags));
                    var modSeq = session.Command(ExpungeFromFolder)
                        .Bind("$id", folder.Key).Bind("$count", folder.Count()).Bind("$unseen", unseen).QueryInt64()!.Value;
                    foreach (var target in folder)
                    {
                        session.Command(DeleteMessageSql).Bind("$id", target.Id).ExecuteNonQuery();
                        session.Command(InsertTombstone).Bind("$folder", folder.Key).Bind("$modSeq", modSeq).Bind("$uid", target.Uid).ExecuteNonQuery();
                    }
                }

                foreach (var inbox in targets.GroupBy(t => (t.AccountId, t.InboxId)))
                {
                    ChargeStoredBytes(session, inbox.Key.AccountId, inbox.Key.InboxId, -inbox.Sum(t => t.Size));
                }

                return Unreferenced(session, targets.Select(t => t.BlobKey));
            },
            cancellationToken);
    }

    /// <summary>
    /// The keys, once each, that no remaining message, queued or sending outbound message, or undelivered accepted
    /// message references: the caller may delete those blobs.
    /// </summary>
    private static List<string> Unreferenced(SqlSession session, IEnumerable<string> keys) =>
        keys.Distinct(StringComparer.Ordinal)
            .Where(key => session.Command(BlobReferenced).Bind("$key", key).QueryInt64() is null)
            .ToList();

    private sealed record Expunged(string Id, string FolderId, uint Uid, MessageFlags Flags, long Size, string BlobKey, string AccountId, string InboxId);
}
