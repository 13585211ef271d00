using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    private const string SelectStoredBytes = """
        SELECT coalesce((SELECT stored_bytes FROM inboxes WHERE id = $inbox), 0),
               coalesce((SELECT stored_bytes FROM accounts WHERE id = $account), 0)
        """;

    private const string ChargeInboxBytes = "UPDATE inboxes SET stored_bytes = stored_bytes + $delta WHERE id = $id";
    private const string ChargeAccountBytes = "UPDATE accounts SET stored_bytes = stored_bytes + $delta WHERE id = $id";

    public Task<(long InboxBytes, long AccountBytes)> GetStoredBytesAsync(string accountId, string inboxId, CancellationToken cancellationToken = default) =>
        ReadAsync(session => ReadStoredBytes(session, accountId, inboxId), cancellationToken);

    private static (long InboxBytes, long AccountBytes) ReadStoredBytes(SqlSession session, string accountId, string inboxId)
    {
        using var reader = session.Command(SelectStoredBytes).Bind("$inbox", inboxId).Bind("$account", accountId).ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Refuses an append that would take the inbox or the account past its limit. Exactly at the limit is allowed.</summary>
    private static void CheckStorageLimit(SqlSession session, string accountId, string inboxId, long size, StorageLimit? limit)
    {
        if (limit is null || (limit.InboxBytes is null && limit.AccountBytes is null))
        {
            return;
        }

        var (inboxBytes, accountBytes) = ReadStoredBytes(session, accountId, inboxId);
        if (inboxBytes + size > limit.InboxBytes || accountBytes + size > limit.AccountBytes)
        {
            throw new MailStoreException(MailStoreError.OverQuota, "The mailbox is over its storage quota.");
        }
    }

    /// <summary>Adds (or, negative, releases) stored bytes on the inbox and its account, in the caller's transaction.</summary>
    private static void ChargeStoredBytes(SqlSession session, string? accountId, string inboxId, long delta)
    {
        if (delta == 0)
        {
            return;
        }

        session.Command(ChargeInboxBytes).Bind("$id", inboxId).Bind("$delta", delta).ExecuteNonQuery();
        if (accountId is not null)
        {
            session.Command(ChargeAccountBytes).Bind("$id", accountId).Bind("$delta", delta).ExecuteNonQuery();
        }
    }
}
