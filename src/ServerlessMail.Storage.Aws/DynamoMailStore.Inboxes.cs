using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    public async Task CreateInboxAsync(Inbox inbox, IReadOnlyList<Folder> folders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(folders);
        CheckLength(inbox.DisplayName, ModelLimits.DisplayName, "displayName");
        foreach (var folder in folders)
        {
            CheckFolderName(folder.Name);
        }

        // Inbox, address claim, and each folder with its name claim: 2 + 2n items, all or nothing.
        var outcome = await CommitAsync(
            "Creating the inbox",
            () =>
            {
                var items = new List<TransactWriteItem>
                {
                    DynamoTable.Put(InboxMapper.ToItem(inbox, addressCopy: false), NotExists),
                    DynamoTable.Put(InboxMapper.ToItem(inbox, addressCopy: true), NotExists),
                };
                foreach (var folder in folders)
                {
                    items.Add(DynamoTable.Put(FolderMapper.ToItem(folder with { InboxId = inbox.Id }), NotExists));
                    items.Add(DynamoTable.Put(FolderMapper.NameItem(inbox.Id, folder.Name, folder.Id), NotExists));
                }

                return items;
            },
            cancellationToken).ConfigureAwait(false);
        if (outcome.ConditionFailed(1))
        {
            throw MailStoreException.Conflict($"The address '{inbox.Address}' is already taken.");
        }

        if (outcome.FirstConditionFailure() >= 0)
        {
            throw MailStoreException.Conflict("The inbox, one of its folders, or a folder name already exists.");
        }

        outcome.EnsureCommitted("Creating the inbox");
    }

    public async Task<Inbox?> GetInboxAsync(string inboxId, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(inboxId))
        {
            return null;
        }

        var item = await _table.GetAsync(Keys.Inbox(inboxId), Keys.InboxSk, cancellationToken).ConfigureAwait(false);
        return item is null ? null : InboxMapper.FromItem(item);
    }

    public async Task<Inbox?> FindInboxByAddressAsync(string address, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(address))
        {
            return null;
        }

        var item = await _table.GetAsync(Keys.Address(address), Keys.AddressSk, cancellationToken).ConfigureAwait(false);
        return item is null ? null : InboxMapper.FromItem(item);
    }

    /// <summary>GSI1, newest first: inbox ids sort by creation time. The cursor holds the last id returned.</summary>
    public async Task<Page<Inbox>> ListInboxesAsync(string accountId, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var scope = "inboxes:" + accountId;
        var after = _cursors.Decode(scope, page.Cursor);
        if (!IsUsableKey(accountId))
        {
            return new Page<Inbox>([], null);
        }

        var (items, next) = await QueryChildrenAsync(Keys.InboxesOf(accountId), after, page.EffectiveLimit, cancellationToken).ConfigureAwait(false);
        return new Page<Inbox>(items.Select(InboxMapper.FromItem).ToList(), next is null ? null : _cursors.Encode(scope, next));
    }

    public async Task UpdateInboxAsync(Inbox inbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        CheckLength(inbox.DisplayName, ModelLimits.DisplayName, "displayName");
        var stored = await GetInboxAsync(inbox.Id, cancellationToken).ConfigureAwait(false) ?? throw MailStoreException.NotFound("The inbox");
        var updated = stored with { DisplayName = inbox.DisplayName, Limits = inbox.Limits };
        var outcome = await CommitAsync(
            "Updating the inbox",
            () =>
            [
                DynamoTable.Put(InboxMapper.ToItem(updated, addressCopy: false), Exists),
                DynamoTable.Put(InboxMapper.ToItem(updated, addressCopy: true), Exists),
            ],
            cancellationToken).ConfigureAwait(false);
        if (outcome.FirstConditionFailure() >= 0)
        {
            throw MailStoreException.NotFound("The inbox");
        }

        outcome.EnsureCommitted("Updating the inbox");
    }

    /// <summary>
    /// Removes the inbox and its address claim first, so no new delivery finds it, then its folders and messages in
    /// batches, then releases its stored bytes from the account.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteInboxAsync(string inboxId, CancellationToken cancellationToken = default)
    {
        var inbox = await GetInboxAsync(inboxId, cancellationToken).ConfigureAwait(false) ?? throw MailStoreException.NotFound("The inbox");
        var names = await _table.QueryAllAsync(BeginsWith(Keys.Inbox(inbox.Id), Keys.FolderNamePrefix), cancellationToken).ConfigureAwait(false);
        var outcome = await CommitAsync(
            "Deleting the inbox",
            () =>
            [
                DynamoTable.Delete(Keys.Inbox(inbox.Id), Keys.InboxSk, Exists),
                DynamoTable.Delete(Keys.Address(inbox.Address), Keys.AddressSk),
            ],
            cancellationToken).ConfigureAwait(false);
        if (outcome.ConditionFailed(0))
        {
            throw MailStoreException.NotFound("The inbox");
        }

        outcome.EnsureCommitted("Deleting the inbox");
        var blobKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var contents = await PurgeFolderAsync(name.Str(Attr.FolderId), cancellationToken).ConfigureAwait(false);
            blobKeys.UnionWith(contents.BlobKeys);
        }

        await _table.BatchDeleteAsync(names.Select(n => (n.Str(Attr.Pk), n.Str(Attr.Sk))), cancellationToken).ConfigureAwait(false);
        var bytes = await _table.GetAsync(Keys.Inbox(inbox.Id), Keys.BytesSk, cancellationToken).ConfigureAwait(false);
        if (bytes is not null)
        {
            await _table.DeleteAsync(Keys.Inbox(inbox.Id), Keys.BytesSk, cancellationToken).ConfigureAwait(false);
            await _table.TryUpdateAsync(AddBytes(Keys.Account(inbox.AccountId), -bytes.LongOrZero(Attr.Bytes), null), cancellationToken).ConfigureAwait(false);
        }

        return await UnreferencedAsync(blobKeys, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One page of a GSI1 listing, newest first, strictly after <paramref name="after"/>; the next position or null.</summary>
    private async Task<(List<Item> Items, string? Next)> QueryChildrenAsync(string parent, string? after, int limit, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            IndexName = TableSchema.ByParent,
            KeyConditionExpression = after is null ? "#pk = :pk" : "#pk = :pk AND #sk < :after",
            ExpressionAttributeNames = new() { ["#pk"] = Attr.Gsi1Pk },
            ExpressionAttributeValues = new() { [":pk"] = Av.S(parent) },
            ScanIndexForward = false,
            Limit = limit + 1,
        };
        if (after is not null)
        {
            request.ExpressionAttributeNames["#sk"] = Attr.Gsi1Sk;
            request.ExpressionAttributeValues[":after"] = Av.S(after);
        }

        var items = new List<Item>();
        do
        {
            var response = await _table.QueryPageAsync(request, cancellationToken).ConfigureAwait(false);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (items.Count <= limit && request.ExclusiveStartKey is not null);

        if (items.Count <= limit)
        {
            return (items, null);
        }

        items.RemoveRange(limit, items.Count - limit);
        return (items, items[^1].Str(Attr.Gsi1Sk));
    }

    private static void CheckLength(string? value, int max, string field)
    {
        if (value is not null && value.Length > max)
        {
            throw MailStoreException.TooLarge(field, max);
        }
    }
}
