using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Rows;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    private const string SelectFolder = $"SELECT {FolderRows.Columns} FROM folders WHERE id = $id";
    private const string SelectFolders = $"SELECT {FolderRows.Columns} FROM folders WHERE inbox_id = $inbox ORDER BY name";
    private const string SelectFolderByName = $"SELECT {FolderRows.Columns} FROM folders WHERE inbox_id = $inbox AND name_key = $key";
    private const string FolderTaken = "SELECT 1 FROM folders WHERE id = $id OR (inbox_id = $inbox AND name_key = $key)";
    private const string InboxExistsById = "SELECT 1 FROM inboxes WHERE id = $id";
    private const string InsertFolder = """
        INSERT INTO folders (id, inbox_id, name, name_key, special_use, uid_validity, uid_next, highest_modseq, total, unseen,
                             first_recent_uid, subscribed, created_at)
        VALUES ($id, $inbox, $name, $key, $use, $uidValidity, $uidNext, $modSeq, 0, 0, $firstRecent, $subscribed, $createdAt)
        """;

    private const string SetSubscribedSql = "UPDATE folders SET subscribed = $subscribed WHERE id = $id";
    private const string ClaimRecentSql = "UPDATE folders SET first_recent_uid = uid_next WHERE id = $id";
    private const string SelectFirstRecent = "SELECT first_recent_uid FROM folders WHERE id = $id";

    private const string SelectFolderBlobKeys = "SELECT DISTINCT blob_key FROM messages WHERE folder_id = $id";
    private const string SumFolderBytes = "SELECT coalesce(sum(size), 0) FROM messages WHERE folder_id = $id";
    private const string DeleteFolderMessages = "DELETE FROM messages WHERE folder_id = $id";
    private const string DeleteFolderSql = "DELETE FROM folders WHERE id = $id";

    public Task<IReadOnlyList<Folder>> ListFoldersAsync(string inboxId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<Folder>>(
            session => session.Command(SelectFolders).Bind("$inbox", inboxId).QueryList(FolderRows.Read),
            cancellationToken);

    public Task<Folder?> GetFolderAsync(string folderId, CancellationToken cancellationToken = default) =>
        ReadAsync(session => FindFolder(session, folderId), cancellationToken);

    public Task<Folder?> FindFolderAsync(string inboxId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ReadAsync(
            session => session.Command(SelectFolderByName).Bind("$inbox", inboxId).Bind("$key", FolderRows.NameKey(name)).QuerySingle(FolderRows.Read),
            cancellationToken);
    }

    public Task CreateFolderAsync(Folder folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return WriteAsync(
            session =>
            {
                StoreValidation.FolderName(folder.Name);
                if (session.Command(InboxExistsById).Bind("$id", folder.InboxId).QueryInt64() is null)
                {
                    throw MailStoreException.NotFound("The inbox");
                }

                InsertFolderRow(session, folder);
            },
            cancellationToken);
    }

    public Task SetSubscribedAsync(string folderId, bool subscribed, CancellationToken cancellationToken = default) =>
        WriteAsync(
            session =>
            {
                if (session.Command(SetSubscribedSql).Bind("$id", folderId).Bind("$subscribed", subscribed).ExecuteNonQuery() == 0)
                {
                    throw MailStoreException.NotFound("The folder");
                }
            },
            cancellationToken);

    public Task<uint> ClaimRecentAsync(string folderId, CancellationToken cancellationToken = default) =>
        WriteAsync(
            session =>
            {
                var first = session.Command(SelectFirstRecent).Bind("$id", folderId).QueryInt64()
                    ?? throw MailStoreException.NotFound("The folder");
                session.Command(ClaimRecentSql).Bind("$id", folderId).ExecuteNonQuery();
                return (uint)first;
            },
            cancellationToken);

    public Task<IReadOnlyList<string>> DeleteFolderAsync(string folderId, CancellationToken cancellationToken = default) =>
        WriteAsync<IReadOnlyList<string>>(
            session =>
            {
                var folder = FindFolder(session, folderId) ?? throw MailStoreException.NotFound("The folder");
                var keys = session.Command(SelectFolderBlobKeys).Bind("$id", folderId).QueryList(r => r.GetString(0));
                var bytes = session.Command(SumFolderBytes).Bind("$id", folderId).QueryInt64() ?? 0;
                var accountId = session.Command(InboxAccount).Bind("$id", folder.InboxId).QueryString();
                ChargeStoredBytes(session, accountId, folder.InboxId, -bytes);
                session.Command(DeleteFolderMessages).Bind("$id", folderId).ExecuteNonQuery();
                session.Command(DeleteFolderSql).Bind("$id", folderId).ExecuteNonQuery();
                return Unreferenced(session, keys);
            },
            cancellationToken);

    private static Folder? FindFolder(SqlSession session, string folderId) =>
        session.Command(SelectFolder).Bind("$id", folderId).QuerySingle(FolderRows.Read);

    private static Folder RequireFolder(SqlSession session, string folderId) =>
        FindFolder(session, folderId) ?? throw MailStoreException.NotFound("The folder");

    /// <summary>
    /// Inserts a new folder. Counts start at zero whatever the record says: a new folder holds no messages. UIDNEXT,
    /// HIGHESTMODSEQ and UIDVALIDITY are taken as given (the domain chooses them).
    /// </summary>
    private static void InsertFolderRow(SqlSession session, Folder folder)
    {
        var key = FolderRows.NameKey(folder.Name);
        if (session.Command(FolderTaken).Bind("$id", folder.Id).Bind("$inbox", folder.InboxId).Bind("$key", key).QueryInt64() is not null)
        {
            throw MailStoreException.Conflict($"The folder {folder.Name} already exists.");
        }

        session.Command(InsertFolder)
            .Bind("$id", folder.Id).Bind("$inbox", folder.InboxId).Bind("$name", folder.Name).Bind("$key", key)
            .Bind("$use", (int)folder.SpecialUse).Bind("$uidValidity", folder.UidValidity).Bind("$uidNext", Math.Max(1u, folder.UidNext))
            .Bind("$modSeq", folder.HighestModSeq).Bind("$firstRecent", Math.Max(1u, folder.FirstRecentUid))
            .Bind("$subscribed", folder.Subscribed).Bind("$createdAt", folder.CreatedAt)
            .ExecuteNonQuery();
    }
}
