using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Rows;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    /// <summary>Above every id (ids are ASCII; U+FFFF is EF BF BF in UTF-8), so "id &lt; $after" starts at the newest.</summary>
    private const string IdCeiling = "\uffff";

    private const string InboxCursor = "inboxes";

    private const string SelectInbox = $"SELECT {InboxRows.Columns} FROM inboxes WHERE id = $id";
    private const string SelectInboxByAddress = $"SELECT {InboxRows.Columns} FROM inboxes WHERE address = $address";
    private const string InboxAccount = "SELECT account_id FROM inboxes WHERE id = $id";
    private const string SelectInboxPage = $"""
        SELECT {InboxRows.Columns} FROM inboxes
        WHERE account_id = $account AND id < $after
        ORDER BY id DESC LIMIT $limit
        """;

    private const string InboxExists = "SELECT 1 FROM inboxes WHERE id = $id OR address = $address";
    private const string InsertInbox = """
        INSERT INTO inboxes (id, account_id, address, local_part, domain, display_name, sends_per_day, sends_per_minute,
                             stored_bytes_limit, created_at)
        VALUES ($id, $account, $address, $local, $domain, $displayName, $perDay, $perMinute, $bytes, $createdAt)
        """;

    private const string UpdateInboxSql = """
        UPDATE inboxes SET display_name = $displayName, sends_per_day = $perDay, sends_per_minute = $perMinute,
                           stored_bytes_limit = $bytes
        WHERE id = $id
        """;

    private const string SelectInboxBlobKeys = """
        SELECT DISTINCT m.blob_key FROM folders f JOIN messages m ON m.folder_id = f.id WHERE f.inbox_id = $id
        """;

    private const string DeleteInboxMessages = "DELETE FROM messages WHERE folder_id IN (SELECT id FROM folders WHERE inbox_id = $id)";
    private const string DeleteInboxFolders = "DELETE FROM folders WHERE inbox_id = $id";
    private const string ReleaseInboxBytes = """
        UPDATE accounts SET stored_bytes = stored_bytes - (SELECT stored_bytes FROM inboxes WHERE id = $id)
        WHERE id = (SELECT account_id FROM inboxes WHERE id = $id)
        """;

    private const string DeleteInboxSql = "DELETE FROM inboxes WHERE id = $id";

    public Task CreateInboxAsync(Inbox inbox, IReadOnlyList<Folder> folders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(folders);
        return WriteAsync(
            session =>
            {
                StoreValidation.DisplayName(inbox.DisplayName);
                foreach (var folder in folders)
                {
                    StoreValidation.FolderName(folder.Name);
                    if (folder.InboxId != inbox.Id)
                    {
                        throw StoreValidation.Invalid("Every folder of a new inbox must belong to it.");
                    }
                }

                RequireAccount(session, inbox.AccountId);
                if (session.Command(InboxExists).Bind("$id", inbox.Id).Bind("$address", inbox.Address).QueryInt64() is not null)
                {
                    throw MailStoreException.Conflict($"The address {inbox.Address} is already taken.");
                }

                session.Command(InsertInbox)
                    .Bind("$id", inbox.Id).Bind("$account", inbox.AccountId).Bind("$address", inbox.Address)
                    .Bind("$local", inbox.LocalPart).Bind("$domain", inbox.Domain).Bind("$displayName", inbox.DisplayName)
                    .Bind("$perDay", inbox.Limits.SendsPerDay).Bind("$perMinute", inbox.Limits.SendsPerMinute)
                    .Bind("$bytes", inbox.Limits.StoredBytes).Bind("$createdAt", inbox.CreatedAt)
                    .ExecuteNonQuery();
                foreach (var folder in folders)
                {
                    InsertFolderRow(session, folder);
                }
            },
            cancellationToken);
    }

    public Task<Inbox?> GetInboxAsync(string inboxId, CancellationToken cancellationToken = default) =>
        ReadAsync(session => session.Command(SelectInbox).Bind("$id", inboxId).QuerySingle(InboxRows.Read), cancellationToken);

    public Task<Inbox?> FindInboxByAddressAsync(string address, CancellationToken cancellationToken = default) =>
        ReadAsync(session => session.Command(SelectInboxByAddress).Bind("$address", address).QuerySingle(InboxRows.Read), cancellationToken);

    public Task<Page<Inbox>> ListInboxesAsync(string accountId, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(page);
        return ReadAsync(
            session =>
            {
                var after = page.Cursor is null ? IdCeiling : Cursors.Decode(page.Cursor, InboxCursor, accountId);
                var items = session.Command(SelectInboxPage)
                    .Bind("$account", accountId).Bind("$after", after).Bind("$limit", page.EffectiveLimit + 1)
                    .QueryList(InboxRows.Read);
                return ToPage(items, page.EffectiveLimit, last => Cursors.Encode(InboxCursor, accountId, last.Id));
            },
            cancellationToken);
    }

    public Task UpdateInboxAsync(Inbox inbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        return WriteAsync(
            session =>
            {
                StoreValidation.DisplayName(inbox.DisplayName);
                var changed = session.Command(UpdateInboxSql)
                    .Bind("$id", inbox.Id).Bind("$displayName", inbox.DisplayName).Bind("$perDay", inbox.Limits.SendsPerDay)
                    .Bind("$perMinute", inbox.Limits.SendsPerMinute).Bind("$bytes", inbox.Limits.StoredBytes)
                    .ExecuteNonQuery();
                if (changed == 0)
                {
                    throw MailStoreException.NotFound("The inbox");
                }
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<string>> DeleteInboxAsync(string inboxId, CancellationToken cancellationToken = default) =>
        WriteAsync<IReadOnlyList<string>>(
            session =>
            {
                if (session.Command(InboxAccount).Bind("$id", inboxId).QueryString() is null)
                {
                    throw MailStoreException.NotFound("The inbox");
                }

                var keys = session.Command(SelectInboxBlobKeys).Bind("$id", inboxId).QueryList(r => r.GetString(0));
                session.Command(DeleteInboxMessages).Bind("$id", inboxId).ExecuteNonQuery();
                session.Command(DeleteInboxFolders).Bind("$id", inboxId).ExecuteNonQuery();
                session.Command(ReleaseInboxBytes).Bind("$id", inboxId).ExecuteNonQuery();

                // Domains naming it as catch-all lose it by the foreign key (ON DELETE SET NULL).
                session.Command(DeleteInboxSql).Bind("$id", inboxId).ExecuteNonQuery();
                return Unreferenced(session, keys);
            },
            cancellationToken);

    private static Page<T> ToPage<T>(List<T> items, int limit, Func<T, string> cursorAfter)
    {
        if (items.Count <= limit)
        {
            return new Page<T>(items, null);
        }

        items.RemoveAt(limit);
        return new Page<T>(items, cursorAfter(items[^1]));
    }
}
