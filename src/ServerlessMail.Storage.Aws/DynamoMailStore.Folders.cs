using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    /// <summary>A rename changes three items per folder in one transaction, and a transaction holds 100 items.</summary>
    public const int MaxFoldersPerRename = 33;

    /// <summary>The inbox's name entries (one Query, name order), then the folders themselves (one strongly consistent BatchGetItem).</summary>
    public async Task<IReadOnlyList<Folder>> ListFoldersAsync(string inboxId, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(inboxId))
        {
            return [];
        }

        var names = await _table.QueryAllAsync(BeginsWith(Keys.Inbox(inboxId), Keys.FolderNamePrefix), cancellationToken).ConfigureAwait(false);
        var folders = await _table.BatchGetAsync(names.Select(n => (Keys.Folder(n.Str(Attr.FolderId)), Keys.FolderSk)), cancellationToken).ConfigureAwait(false);
        return folders.Values.Select(FolderMapper.FromItem).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<Folder?> GetFolderAsync(string folderId, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(folderId))
        {
            return null;
        }

        var item = await _table.GetAsync(Keys.Folder(folderId), Keys.FolderSk, cancellationToken).ConfigureAwait(false);
        return item is null ? null : FolderMapper.FromItem(item);
    }

    public async Task<Folder?> FindFolderAsync(string inboxId, string name, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(inboxId) || !IsUsableKey(name) || name.Length > ModelLimits.FolderName)
        {
            return null;
        }

        var entry = await _table.GetAsync(Keys.Inbox(inboxId), Keys.FolderName(name), cancellationToken).ConfigureAwait(false);
        return entry is null ? null : await GetFolderAsync(entry.Str(Attr.FolderId), cancellationToken).ConfigureAwait(false);
    }

    public async Task CreateFolderAsync(Folder folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        CheckFolderName(folder.Name);
        if (await GetInboxAsync(folder.InboxId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw MailStoreException.NotFound("The inbox");
        }

        var outcome = await CommitAsync(
            "Creating the folder",
            () =>
            [
                DynamoTable.Put(FolderMapper.NameItem(folder.InboxId, folder.Name, folder.Id), NotExists),
                DynamoTable.Put(FolderMapper.ToItem(folder), NotExists),
            ],
            cancellationToken).ConfigureAwait(false);
        if (outcome.FirstConditionFailure() >= 0)
        {
            throw MailStoreException.Conflict($"The inbox already has a folder named '{folder.Name}'.");
        }

        outcome.EnsureCommitted("Creating the folder");
    }

    public async Task RenameFolderAsync(string folderId, string newName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newName);
        CheckFolderName(newName);
        var folder = await GetFolderAsync(folderId, cancellationToken).ConfigureAwait(false) ?? throw MailStoreException.NotFound("The folder");
        if (string.Equals(folder.Name, newName, StringComparison.Ordinal))
        {
            return;
        }

        if (folder.SpecialUse == SpecialUse.Inbox)
        {
            // RFC 3501 §6.3.5's INBOX rename moves every message into a new folder: a transaction per message here,
            // not a rename. Refused, as the embedded store does.
            throw new MailStoreException(MailStoreError.NotAllowed, "INBOX cannot be renamed; move its messages to another folder instead.");
        }

        if (newName.StartsWith(folder.Name + Folder.Separator, StringComparison.Ordinal))
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, "A folder cannot be moved below itself.");
        }

        var names = await _table.QueryAllAsync(BeginsWith(Keys.Inbox(folder.InboxId), Keys.FolderNamePrefix), cancellationToken).ConfigureAwait(false);
        var prefix = folder.Name + Folder.Separator;
        var moving = names
            .Select(n => (Name: n.Str(Attr.Sk)[Keys.FolderNamePrefix.Length..], Id: n.Str(Attr.FolderId)))
            .Where(n => n.Id == folder.Id || n.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => (n.Name, n.Id, NewName: newName + n.Name[folder.Name.Length..]))
            .ToList();
        if (moving.Count > MaxFoldersPerRename)
        {
            throw new MailStoreException(MailStoreError.NotAllowed, $"A rename can move at most {MaxFoldersPerRename} folders at once.");
        }

        foreach (var (_, _, name) in moving)
        {
            CheckFolderName(name);
        }

        var outcome = await CommitAsync(
            "Renaming the folder",
            () =>
            {
                var items = new List<TransactWriteItem>();
                foreach (var (oldName, id, name) in moving)
                {
                    items.Add(DynamoTable.Put(FolderMapper.NameItem(folder.InboxId, name, id), NotExists));
                    items.Add(DynamoTable.Delete(Keys.Inbox(folder.InboxId), Keys.FolderName(oldName), "#f = :f", new() { [":f"] = Av.S(id) }));
                    items[^1].Delete.ExpressionAttributeNames = new() { ["#f"] = Attr.FolderId };
                    items.Add(DynamoTable.Write(new Update
                    {
                        Key = Av.Key(Keys.Folder(id), Keys.FolderSk),
                        UpdateExpression = "SET #n = :n",
                        ConditionExpression = Exists,
                        ExpressionAttributeNames = new() { ["#n"] = Attr.Name },
                        ExpressionAttributeValues = new() { [":n"] = Av.S(name) },
                    }));
                }

                return items;
            },
            cancellationToken).ConfigureAwait(false);
        var failed = outcome.FirstConditionFailure();
        if (failed >= 0)
        {
            throw failed % 3 == 0
                ? MailStoreException.Conflict($"The inbox already has a folder named '{moving[failed / 3].NewName}'.")
                : MailStoreException.Conflict("The folder changed while it was being renamed; try again.");
        }

        outcome.EnsureCommitted("Renaming the folder");
    }

    public async Task<IReadOnlyList<string>> DeleteFolderAsync(string folderId, CancellationToken cancellationToken = default)
    {
        var folder = await GetFolderAsync(folderId, cancellationToken).ConfigureAwait(false) ?? throw MailStoreException.NotFound("The folder");
        var inbox = await GetInboxAsync(folder.InboxId, cancellationToken).ConfigureAwait(false);

        // The name goes first, so the folder is gone for FindFolder and LIST before its messages are removed in batches.
        await _table.DeleteAsync(Keys.Inbox(folder.InboxId), Keys.FolderName(folder.Name), cancellationToken).ConfigureAwait(false);
        var contents = await PurgeFolderAsync(folder.Id, cancellationToken).ConfigureAwait(false);
        if (contents.Bytes != 0 && inbox is not null)
        {
            await ReleaseBytesAsync(inbox.AccountId, inbox.Id, contents.Bytes, cancellationToken).ConfigureAwait(false);
        }

        return await UnreferencedAsync(contents.BlobKeys, cancellationToken).ConfigureAwait(false);
    }

    public async Task SetSubscribedAsync(string folderId, bool subscribed, CancellationToken cancellationToken = default)
    {
        var updated = IsUsableKey(folderId) && await _table.TryUpdateAsync(
            new Update
            {
                Key = Av.Key(Keys.Folder(folderId), Keys.FolderSk),
                UpdateExpression = "SET #s = :s",
                ConditionExpression = Exists,
                ExpressionAttributeNames = new() { ["#s"] = Attr.Subscribed },
                ExpressionAttributeValues = new() { [":s"] = Av.Bool(subscribed) },
            },
            cancellationToken).ConfigureAwait(false);
        if (!updated)
        {
            throw MailStoreException.NotFound("The folder");
        }
    }

    /// <summary>One UpdateItem: <c>SET fr = un</c>, returning the old value, so two sessions can never claim the same messages.</summary>
    public async Task<uint> ClaimRecentAsync(string folderId, CancellationToken cancellationToken = default)
    {
        var old = !IsUsableKey(folderId) ? null : await _table.UpdateReturningOldAsync(
            new Update
            {
                Key = Av.Key(Keys.Folder(folderId), Keys.FolderSk),
                UpdateExpression = "SET #fr = #un",
                ConditionExpression = Exists,
                ExpressionAttributeNames = new() { ["#fr"] = Attr.FirstRecent, ["#un"] = Attr.UidNext },
            },
            cancellationToken).ConfigureAwait(false);
        return old is null ? throw MailStoreException.NotFound("The folder") : old.UInt(Attr.FirstRecent);
    }

    private static void CheckFolderName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > ModelLimits.FolderName)
        {
            throw MailStoreException.TooLarge("folder name", ModelLimits.FolderName);
        }

        if (name.Length == 0 || name[0] == Folder.Separator || name[^1] == Folder.Separator || name.Contains("//", StringComparison.Ordinal))
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, $"'{name}' is not a valid folder name.");
        }
    }
}
