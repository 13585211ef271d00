using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    /// <summary>
    /// One transaction per message: the folder takes a new MODSEQ and loses the message, the state becomes a
    /// tombstone with that MODSEQ (for the change feed), and the body, its chunks, its blob reference and its delivery
    /// key go, while the stored bytes are released. Then each blob key is checked for remaining references.
    /// </summary>
    public async Task<IReadOnlyList<string>> ExpungeAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var blobKeys = new List<string>();
        foreach (var id in messageIds.Distinct(StringComparer.Ordinal))
        {
            var blobKey = await Contention.RetryAsync(
                _options.ContentionBudget,
                "Expunging the message",
                async _ =>
                {
                    if (await ReadMessageAsync(id, cancellationToken).ConfigureAwait(false) is not var (message, body))
                    {
                        return (true, (string?)null);
                    }

                    var folder = await GetFolderAsync(message.FolderId, cancellationToken).ConfigureAwait(false) ?? throw MailStoreException.NotFound("The folder");
                    var modSeq = folder.HighestModSeq + 1;
                    var items = new List<TransactWriteItem>
                    {
                        DynamoTable.Write(AdvanceFolder(folder, 0, modSeq, -1, IsSeen(message.Flags) ? 0 : -1)),
                        DynamoTable.Delete(Keys.Folder(folder.Id), Keys.State(message.Uid), $"{Attr.ModSeq} = :ms", new() { [":ms"] = Av.N(message.ModSeq) }),
                        DynamoTable.Put(MessageMapper.TombstoneItem(folder.Id, message.Uid, modSeq)),
                        DynamoTable.Write(AddBytes(Keys.Inbox(message.InboxId), -message.Size, null)),
                        DynamoTable.Write(AddBytes(Keys.Account(message.AccountId), -message.Size, null)),
                    };
                    items.AddRange(BodyKeys(body).Select(k => DynamoTable.Delete(k.Pk, k.Sk)));
                    var outcome = await _table.TransactAsync(items, cancellationToken).ConfigureAwait(false);
                    return RetryUnlessCommitted(outcome, (string?)message.BlobKey, "Expunging the message");
                },
                cancellationToken).ConfigureAwait(false);
            if (blobKey is not null)
            {
                blobKeys.Add(blobKey);
            }
        }

        return await UnreferencedAsync(blobKeys, cancellationToken).ConfigureAwait(false);
    }
}
