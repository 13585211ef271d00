using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    /// <summary>
    /// One transaction across both folders: the source takes a new MODSEQ and loses a message, the target gives a UID
    /// and a MODSEQ, the source state becomes a tombstone (the expunge the source's change feed reports), the target
    /// gets a state, and the body points at its new place. Every part is conditional on what was read.
    /// </summary>
    public async Task<StoredMessage> MoveAsync(string messageId, string targetFolderId, CancellationToken cancellationToken = default) =>
        await Contention.RetryAsync(
            _options.ContentionBudget,
            "Moving the message",
            async _ =>
            {
                var (message, source, target) = await ReadForTransferAsync(messageId, targetFolderId, cancellationToken).ConfigureAwait(false);
                if (source.Id == target.Id)
                {
                    return (true, message);
                }

                var uid = target.UidNext;
                var sourceModSeq = source.HighestModSeq + 1;
                var targetModSeq = target.HighestModSeq + 1;
                var unseen = IsSeen(message.Flags) ? 0 : 1;
                var outcome = await _table.TransactAsync(
                    [
                        DynamoTable.Write(AdvanceFolder(source, 0, sourceModSeq, -1, -unseen)),
                        DynamoTable.Write(AdvanceFolder(target, uid, targetModSeq, +1, unseen)),
                        DynamoTable.Delete(Keys.Folder(source.Id), Keys.State(message.Uid), $"{Attr.ModSeq} = :ms", new() { [":ms"] = Av.N(message.ModSeq) }),
                        DynamoTable.Put(MessageMapper.TombstoneItem(source.Id, message.Uid, sourceModSeq)),
                        DynamoTable.Put(MessageMapper.StateItem(target.Id, uid, message.Id, message.Flags, message.Keywords, targetModSeq), NotExists),
                        DynamoTable.Write(new Update
                        {
                            Key = Av.Key(Keys.Message(message.Id), Keys.BodySk),
                            UpdateExpression = "SET #fld = :target, #uid = :uid",
                            ConditionExpression = "#fld = :source AND #uid = :old",
                            ExpressionAttributeNames = new() { ["#fld"] = Attr.FolderId, ["#uid"] = Attr.Uid },
                            ExpressionAttributeValues = new()
                            {
                                [":target"] = Av.S(target.Id), [":uid"] = Av.N(uid), [":source"] = Av.S(source.Id), [":old"] = Av.N(message.Uid),
                            },
                        }),
                    ],
                    cancellationToken).ConfigureAwait(false);
                var moved = message with { FolderId = target.Id, Uid = uid, ModSeq = targetModSeq };
                return RetryUnlessCommitted(outcome, moved, "Moving the message");
            },
            cancellationToken).ConfigureAwait(false);

    public Task<StoredMessage> CopyAsync(string messageId, string targetFolderId, CancellationToken cancellationToken = default) =>
        CopyAsync(messageId, targetFolderId, null, cancellationToken);

    /// <summary>
    /// An append of the same body under a new id, conditional on the original still existing; the bytes are charged
    /// within <paramref name="limit"/> by the same conditional counter updates as <see cref="AppendAsync"/>.
    /// </summary>
    public async Task<StoredMessage> CopyAsync(string messageId, string targetFolderId, StorageLimit? limit, CancellationToken cancellationToken = default) =>
        await Contention.RetryAsync(
            _options.ContentionBudget,
            "Copying the message",
            async _ =>
            {
                var (message, _, target) = await ReadForTransferAsync(messageId, targetFolderId, cancellationToken).ConfigureAwait(false);
                var copy = message with
                {
                    Id = Ids.New(Ids.Message, _clock), FolderId = target.Id, Uid = target.UidNext, ModSeq = target.HighestModSeq + 1, DeliveryKey = null,
                };
                var items = AppendItems(target, copy, limit);
                items.Add(new TransactWriteItem
                {
                    ConditionCheck = new ConditionCheck { Key = Av.Key(Keys.Message(message.Id), Keys.BodySk), ConditionExpression = Exists },
                });
                var outcome = await _table.TransactAsync(items, cancellationToken).ConfigureAwait(false);
                if (outcome.ConditionFailed(AppendInboxBytes) || outcome.ConditionFailed(AppendAccountBytes))
                {
                    throw new MailStoreException(MailStoreError.OverQuota, "The copy would pass the stored-bytes quota.");
                }

                return RetryUnlessCommitted(outcome, copy, "Copying the message");
            },
            cancellationToken).ConfigureAwait(false);

    private async Task<(StoredMessage Message, Folder Source, Folder Target)> ReadForTransferAsync(string messageId, string targetFolderId, CancellationToken cancellationToken)
    {
        var message = await GetMessageAsync(messageId, cancellationToken).ConfigureAwait(false) ?? throw MailStoreException.NotFound("The message");
        var target = await GetFolderAsync(targetFolderId, cancellationToken).ConfigureAwait(false) ?? throw MailStoreException.NotFound("The target folder");
        if (target.InboxId != message.InboxId)
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, "Messages move and copy only between folders of one inbox.");
        }

        var source = target.Id == message.FolderId
            ? target
            : await GetFolderAsync(message.FolderId, cancellationToken).ConfigureAwait(false) ?? throw MailStoreException.NotFound("The folder");
        return (message, source, target);
    }

    /// <summary>Any cancellation here means something read has changed since: read again and retry.</summary>
    private static (bool Done, T Result) RetryUnlessCommitted<T>(TransactionOutcome outcome, T result, string what)
    {
        if (outcome.Succeeded)
        {
            return (true, result);
        }

        if (outcome.Conflicted || outcome.FirstConditionFailure() >= 0)
        {
            return (false, result);
        }

        outcome.EnsureCommitted(what);
        return (true, result);
    }
}
