using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    // Positions of the fixed items in an append transaction, for reading its cancellation reasons.
    private const int AppendFolder = 0;
    private const int AppendState = 1;
    private const int AppendBody = 2;
    private const int AppendInboxBytes = 4;
    private const int AppendAccountBytes = 5;
    private const int AppendDeliveryKey = 6;

    /// <summary>
    /// Reads the folder, then commits one transaction that (0) moves UIDNEXT and HIGHESTMODSEQ on only if they still
    /// hold the values read, (1) puts the state at that UID, (2) puts the body, (3) adds the blob reference, (4, 5)
    /// charges the inbox's and the account's stored bytes within their limits, and (6) claims the delivery key. A
    /// writer that lost the race reads again and retries with jittered backoff, so UIDs ascend in commit order.
    /// </summary>
    public async Task<StoredMessage> AppendAsync(NewMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        CheckKeywords(message.Keywords);
        if (message.DeliveryKey is { Length: > ModelLimits.IdempotencyKey * 2 })
        {
            throw MailStoreException.TooLarge("deliveryKey", ModelLimits.IdempotencyKey * 2);
        }

        if (message.DeliveryKey is { } key && await FindDeliveredAsync(key, cancellationToken).ConfigureAwait(false) is { } delivered)
        {
            return delivered;
        }

        if (message.Limit is { } limit && (message.Size > limit.InboxBytes || message.Size > limit.AccountBytes))
        {
            throw new MailStoreException(MailStoreError.OverQuota, "The message is larger than the stored-bytes quota.");
        }

        return await Contention.RetryAsync(
            _options.ContentionBudget,
            "Appending the message",
            async _ =>
            {
                using var turn = await _gate.EnterAsync(message.FolderId, cancellationToken).ConfigureAwait(false);
                var folder = await GetFolderAsync(message.FolderId, cancellationToken).ConfigureAwait(false) ?? throw MailStoreException.NotFound("The folder");
                if (folder.InboxId != message.InboxId)
                {
                    throw new MailStoreException(MailStoreError.InvalidArgument, "The folder belongs to another inbox.");
                }

                var stored = new StoredMessage(
                    message.Id, message.AccountId, message.InboxId, message.FolderId, folder.UidNext, message.Flags, message.Keywords,
                    message.InternalDate, message.Size, folder.HighestModSeq + 1, message.ThreadId, message.BlobKey, message.Envelope,
                    message.Summary, message.Structure, message.DeliveryKey);
                var outcome = await _table.TransactAsync(AppendItems(folder, stored, message.Limit), cancellationToken).ConfigureAwait(false);
                if (outcome.Succeeded)
                {
                    return (true, stored);
                }

                if (outcome.ConditionFailed(AppendDeliveryKey) &&
                    await FindDeliveredAsync(message.DeliveryKey!, cancellationToken).ConfigureAwait(false) is { } replay)
                {
                    return (true, replay);
                }

                if (outcome.ConditionFailed(AppendInboxBytes) || outcome.ConditionFailed(AppendAccountBytes))
                {
                    throw new MailStoreException(MailStoreError.OverQuota, "The message would pass the stored-bytes quota.");
                }

                if (outcome.ConditionFailed(AppendBody))
                {
                    throw MailStoreException.Conflict($"A message with the id '{message.Id}' already exists.");
                }

                if (outcome.Conflicted || outcome.ConditionFailed(AppendFolder) || outcome.ConditionFailed(AppendState) || outcome.ConditionFailed(AppendDeliveryKey))
                {
                    return (false, stored);
                }

                outcome.EnsureCommitted("Appending the message");
                return (true, stored);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static List<TransactWriteItem> AppendItems(Folder folder, StoredMessage stored, StorageLimit? limit)
    {
        var (body, chunks) = MessageMapper.BodyItems(stored);
        var blobRef = Av.Key(Keys.Blob(stored.BlobKey), Keys.BlobRef(stored.Id));
        var items = new List<TransactWriteItem>
        {
            DynamoTable.Write(AdvanceFolder(folder, stored.Uid, stored.ModSeq, +1, (stored.Flags & MessageFlags.Seen) == 0 ? 1 : 0)),
            DynamoTable.Put(MessageMapper.StateItem(stored.FolderId, stored.Uid, stored.Id, stored.Flags, stored.Keywords, stored.ModSeq), NotExists),
            DynamoTable.Put(body, NotExists),
            DynamoTable.Put(blobRef),
            DynamoTable.Write(AddBytes(Keys.Inbox(stored.InboxId), stored.Size, limit?.InboxBytes)),
            DynamoTable.Write(AddBytes(Keys.Account(stored.AccountId), stored.Size, limit?.AccountBytes)),
        };
        if (stored.DeliveryKey is { } key)
        {
            var claim = Av.Key(Keys.DeliveryKey(key), Keys.DeliveryKeySk);
            claim[Attr.MessageId] = Av.S(stored.Id);
            items.Add(DynamoTable.Put(claim, NotExists));
        }

        items.AddRange(chunks.Select(c => DynamoTable.Put(c)));
        return items;
    }

    /// <summary>
    /// The folder update that assigns <paramref name="uid"/> (when <paramref name="totalDelta"/> adds a message) and
    /// <paramref name="modSeq"/>: conditional on UIDNEXT and HIGHESTMODSEQ still holding what was read.
    /// </summary>
    private static Update AdvanceFolder(Folder folder, uint uid, ulong modSeq, int totalDelta, int unseenDelta) => new()
    {
        Key = Av.Key(Keys.Folder(folder.Id), Keys.FolderSk),
        UpdateExpression = "SET #un = :next, #hms = :ms ADD #tot :tot, #uns :uns",
        ConditionExpression = "#un = :un AND #hms = :hms",
        ExpressionAttributeNames = new()
        {
            ["#un"] = Attr.UidNext, ["#hms"] = Attr.HighestModSeq, ["#tot"] = Attr.Total, ["#uns"] = Attr.Unseen,
        },
        ExpressionAttributeValues = new()
        {
            [":next"] = Av.N(totalDelta > 0 ? uid + 1L : folder.UidNext),
            [":ms"] = Av.N(modSeq),
            [":tot"] = Av.N(totalDelta),
            [":uns"] = Av.N(unseenDelta),
            [":un"] = Av.N(folder.UidNext),
            [":hms"] = Av.N(folder.HighestModSeq),
        },
    };

    private async Task<StoredMessage?> FindDeliveredAsync(string deliveryKey, CancellationToken cancellationToken)
    {
        var claim = await _table.GetAsync(Keys.DeliveryKey(deliveryKey), Keys.DeliveryKeySk, cancellationToken).ConfigureAwait(false);
        return claim is null ? null : await GetMessageAsync(claim.Str(Attr.MessageId), cancellationToken).ConfigureAwait(false);
    }

    private static void CheckKeywords(IReadOnlyList<string> keywords)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        if (keywords.Count > ModelLimits.KeywordsPerMessage)
        {
            throw new MailStoreException(MailStoreError.ValueTooLarge, $"A message holds at most {ModelLimits.KeywordsPerMessage} keywords.");
        }

        foreach (var keyword in keywords)
        {
            CheckLength(keyword, ModelLimits.Keyword, "keyword");
        }
    }
}
