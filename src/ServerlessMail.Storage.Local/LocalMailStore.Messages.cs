using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Rows;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    private const string SelectMessage = $"SELECT {MessageRows.Columns} FROM messages WHERE id = $id";
    private const string SelectMessageByUid = $"SELECT {MessageRows.Columns} FROM messages WHERE folder_id = $folder AND uid = $uid";
    private const string SelectMessageByDeliveryKey = $"SELECT {MessageRows.Columns} FROM messages WHERE delivery_key = $key";
    private const string MessageExists = "SELECT 1 FROM messages WHERE id = $id";
    private const string InsertMessageSql = """
        INSERT INTO messages (id, folder_id, uid, modseq, flags, keywords, account_id, inbox_id, internal_date, size, thread_id,
                              blob_key, delivery_key, search_subject, search_from, search_to, search_text, envelope, summary,
                              structure)
        VALUES ($id, $folder, $uid, $modSeq, $flags, $keywords, $account, $inbox, $internalDate, $size, $thread, $blobKey,
                $deliveryKey, $subject, $from, $to, $text, $envelope, $summary, $structure)
        """;

    // One statement both reserves the UID and the MODSEQ and counts the message, so the folder row is the only
    // place they live (and they only grow: RFC 3501 §2.3.1.1, RFC 7162 §3.1.2).
    private const string TakeUid = """
        UPDATE folders SET uid_next = uid_next + 1, highest_modseq = highest_modseq + 1, total = total + 1, unseen = unseen + $unseen
        WHERE id = $id
        RETURNING uid_next - 1, highest_modseq
        """;

    public Task<StoredMessage> AppendAsync(NewMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WriteAsync(
            session =>
            {
                StoreValidation.Keywords(message.Keywords);
                if (message.DeliveryKey is { } key &&
                    session.Command(SelectMessageByDeliveryKey).Bind("$key", key).QuerySingle(MessageRows.Read) is { } existing)
                {
                    return existing;
                }

                var folder = RequireFolder(session, message.FolderId);
                if (folder.InboxId != message.InboxId || session.Command(InboxAccount).Bind("$id", message.InboxId).QueryString() != message.AccountId)
                {
                    throw StoreValidation.Invalid("The folder does not belong to the message's inbox and account.");
                }

                if (session.Command(MessageExists).Bind("$id", message.Id).QueryInt64() is not null)
                {
                    throw MailStoreException.Conflict($"The message {message.Id} already exists.");
                }

                CheckStorageLimit(session, message.AccountId, message.InboxId, message.Size, message.Limit);
                return InsertMessage(session, message);
            },
            cancellationToken);
    }

    public Task<StoredMessage?> GetMessageAsync(string messageId, CancellationToken cancellationToken = default) =>
        ReadAsync(session => FindMessage(session, messageId), cancellationToken);

    public Task<StoredMessage?> GetMessageByUidAsync(string folderId, uint uid, CancellationToken cancellationToken = default) =>
        ReadAsync(
            session => session.Command(SelectMessageByUid).Bind("$folder", folderId).Bind("$uid", uid).QuerySingle(MessageRows.Read),
            cancellationToken);

    private static StoredMessage? FindMessage(SqlSession session, string messageId) =>
        session.Command(SelectMessage).Bind("$id", messageId).QuerySingle(MessageRows.Read);

    private static StoredMessage RequireMessage(SqlSession session, string messageId) =>
        FindMessage(session, messageId) ?? throw MailStoreException.NotFound("The message");

    /// <summary>Inserts a message at the next UID of its folder, counts it, and charges its bytes.</summary>
    private static StoredMessage InsertMessage(SqlSession session, NewMessage message)
    {
        var unseen = (message.Flags & MessageFlags.Seen) == 0 ? 1 : 0;
        uint uid;
        ulong modSeq;
        using (var reader = session.Command(TakeUid).Bind("$id", message.FolderId).Bind("$unseen", unseen).ExecuteReader())
        {
            if (!reader.Read())
            {
                throw MailStoreException.NotFound("The folder");
            }

            uid = reader.GetUInt32(0);
            modSeq = reader.GetUInt64(1);
        }

        var keywords = DistinctKeywords(message.Keywords);
        var search = SearchText.For(message.Summary);
        session.Command(InsertMessageSql)
            .Bind("$id", message.Id).Bind("$folder", message.FolderId).Bind("$uid", uid).Bind("$modSeq", modSeq)
            .Bind("$flags", (int)message.Flags).Bind("$keywords", StoreJson.Strings(keywords)).Bind("$account", message.AccountId)
            .Bind("$inbox", message.InboxId).Bind("$internalDate", message.InternalDate).Bind("$size", message.Size)
            .Bind("$thread", message.ThreadId).Bind("$blobKey", message.BlobKey).Bind("$deliveryKey", message.DeliveryKey)
            .Bind("$subject", search.Subject).Bind("$from", search.From).Bind("$to", search.To).Bind("$text", search.Text)
            .Bind("$envelope", StoreJson.Envelope(message.Envelope)).Bind("$summary", StoreJson.Summary(message.Summary))
            .Bind("$structure", message.Structure)
            .ExecuteNonQuery();
        ChargeStoredBytes(session, message.AccountId, message.InboxId, message.Size);
        return new StoredMessage(
            message.Id, message.AccountId, message.InboxId, message.FolderId, uid, message.Flags, keywords, message.InternalDate,
            message.Size, modSeq, message.ThreadId, message.BlobKey, message.Envelope, message.Summary, message.Structure,
            message.DeliveryKey);
    }
}
