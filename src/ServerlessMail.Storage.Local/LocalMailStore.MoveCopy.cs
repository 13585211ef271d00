using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    private const string ExpungeFromFolder = """
        UPDATE folders SET highest_modseq = highest_modseq + 1, total = total - $count, unseen = unseen - $unseen
        WHERE id = $id
        RETURNING highest_modseq
        """;

    private const string InsertTombstone = "INSERT INTO expunged (folder_id, modseq, uid) VALUES ($folder, $modSeq, $uid)";
    private const string MoveMessageRow = "UPDATE messages SET folder_id = $folder, uid = $uid, modseq = $modSeq WHERE id = $id";

    /// <summary>
    /// RFC 6851 §3.3: a move is an expunge in the source (with its tombstone) and a new UID in the target. The message
    /// keeps its id, its flags and its delivery key, and its bytes stay charged to the same inbox.
    /// </summary>
    public Task<StoredMessage> MoveAsync(string messageId, string targetFolderId, CancellationToken cancellationToken = default) =>
        WriteAsync(
            session =>
            {
                var message = RequireMessage(session, messageId);
                var target = RequireSameInbox(session, message, targetFolderId);
                var unseen = IsSeen(message.Flags) ? 0 : 1;
                var sourceModSeq = (ulong)session.Command(ExpungeFromFolder)
                    .Bind("$id", message.FolderId).Bind("$count", 1).Bind("$unseen", unseen).QueryInt64()!.Value;
                session.Command(InsertTombstone).Bind("$folder", message.FolderId).Bind("$modSeq", sourceModSeq).Bind("$uid", message.Uid).ExecuteNonQuery();

                uint uid;
                ulong modSeq;
                using (var reader = session.Command(TakeUid).Bind("$id", target.Id).Bind("$unseen", unseen).ExecuteReader())
                {
                    reader.Read();
                    uid = reader.GetUInt32(0);
                    modSeq = reader.GetUInt64(1);
                }

                session.Command(MoveMessageRow).Bind("$id", message.Id).Bind("$folder", target.Id).Bind("$uid", uid).Bind("$modSeq", modSeq).ExecuteNonQuery();
                return message with { FolderId = target.Id, Uid = uid, ModSeq = modSeq };
            },
            cancellationToken);

    public Task<StoredMessage> CopyAsync(string messageId, string targetFolderId, CancellationToken cancellationToken = default) =>
        CopyAsync(messageId, targetFolderId, null, cancellationToken);

    /// <summary>
    /// RFC 3501 §6.4.7: the copy keeps flags and internal date. It is a new message (its own id and no delivery key)
    /// sharing the blob, and it is charged like any stored message: within <paramref name="limit"/>, checked in the
    /// same transaction as the charge.
    /// </summary>
    public Task<StoredMessage> CopyAsync(string messageId, string targetFolderId, StorageLimit? limit, CancellationToken cancellationToken = default) =>
        WriteAsync(
            session =>
            {
                var source = RequireMessage(session, messageId);
                var target = RequireSameInbox(session, source, targetFolderId);
                CheckStorageLimit(session, source.AccountId, source.InboxId, source.Size, limit);
                var copy = new NewMessage(
                    Ids.New(Ids.Message, _clock), source.AccountId, source.InboxId, target.Id, source.Flags, source.Keywords,
                    source.InternalDate, source.Size, source.ThreadId, source.BlobKey, source.Envelope, source.Summary,
                    source.Structure, DeliveryKey: null);
                return InsertMessage(session, copy);
            },
            cancellationToken);

    private static Folder RequireSameInbox(SqlSession session, StoredMessage message, string targetFolderId)
    {
        var target = RequireFolder(session, targetFolderId);
        return target.InboxId == message.InboxId
            ? target
            : throw StoreValidation.Invalid("Messages move and copy only between folders of one inbox.");
    }
}
