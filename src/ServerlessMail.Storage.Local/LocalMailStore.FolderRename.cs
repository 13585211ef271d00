using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Rows;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    private const string SelectSubtree = """
        SELECT id, name FROM folders
        WHERE inbox_id = $inbox AND (id = $id OR substr(name, 1, length($prefix)) = $prefix)
        """;

    private const string NameKeyTaken = "SELECT id FROM folders WHERE inbox_id = $inbox AND name_key = $key";

    // Renames go through a placeholder key first: SQLite checks UNIQUE row by row, so renaming a/b to a while a/b/c
    // becomes a/c would otherwise trip over names the same statement is about to free.
    private const string ParkFolderName = "UPDATE folders SET name_key = char(1) || id WHERE id = $id";
    private const string SetFolderName = "UPDATE folders SET name = $name, name_key = $key WHERE id = $id";

    public Task RenameFolderAsync(string folderId, string newName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newName);
        return WriteAsync(
            session =>
            {
                StoreValidation.FolderName(newName);
                var folder = RequireFolder(session, folderId);
                if (string.Equals(folder.Name, newName, StringComparison.Ordinal))
                {
                    return;
                }

                if (folder.SpecialUse == SpecialUse.Inbox)
                {
                    // RFC 3501 §6.3.5's INBOX rename moves every message into a new folder, INBOX staying: not a
                    // rename at all, and on DynamoDB a transaction per message. Both stores refuse it alike.
                    throw new MailStoreException(MailStoreError.NotAllowed, "INBOX cannot be renamed; move its messages to another folder instead.");
                }

                var prefix = folder.Name + Folder.Separator;
                if (newName.StartsWith(prefix, StringComparison.Ordinal))
                {
                    throw StoreValidation.Invalid("A folder cannot be moved below itself.");
                }

                var subtree = session.Command(SelectSubtree)
                    .Bind("$inbox", folder.InboxId).Bind("$id", folder.Id).Bind("$prefix", prefix)
                    .QueryList(r => (Id: r.GetString(0), Name: r.GetString(1)));
                var moving = subtree.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
                var renamed = subtree.Select(f => (f.Id, Name: newName + f.Name[folder.Name.Length..])).ToList();
                foreach (var (_, name) in renamed)
                {
                    StoreValidation.FolderName(name);
                    var holder = session.Command(NameKeyTaken).Bind("$inbox", folder.InboxId).Bind("$key", FolderRows.NameKey(name)).QueryString();
                    if (holder is not null && !moving.Contains(holder))
                    {
                        throw MailStoreException.Conflict($"The folder {name} already exists.");
                    }
                }

                foreach (var (id, _) in renamed)
                {
                    session.Command(ParkFolderName).Bind("$id", id).ExecuteNonQuery();
                }

                foreach (var (id, name) in renamed)
                {
                    session.Command(SetFolderName).Bind("$id", id).Bind("$name", name).Bind("$key", FolderRows.NameKey(name)).ExecuteNonQuery();
                }
            },
            cancellationToken);
    }
}
