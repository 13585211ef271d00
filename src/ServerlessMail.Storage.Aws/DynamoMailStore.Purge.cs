using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    /// <summary>
    /// Deletes everything in a folder's partition and every message body, chunk, delivery key and blob reference of
    /// its messages, in BatchWriteItem batches. Not atomic: it runs after the folder is unreachable by name.
    /// </summary>
    private async Task<(List<string> BlobKeys, long Bytes)> PurgeFolderAsync(string folderId, CancellationToken cancellationToken)
    {
        var partition = await _table.QueryAllAsync(
            new QueryRequest
            {
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = Attr.Pk },
                ExpressionAttributeValues = new() { [":pk"] = Av.S(Keys.Folder(folderId)) },
            },
            cancellationToken).ConfigureAwait(false);
        var messageIds = partition
            .Where(i => i.Str(Attr.Sk).StartsWith(Keys.StatePrefix, StringComparison.Ordinal))
            .Select(i => i.Str(Attr.MessageId))
            .ToList();
        var bodies = await _table.BatchGetAsync(messageIds.Select(id => (Keys.Message(id), Keys.BodySk)), cancellationToken).ConfigureAwait(false);

        var doomed = partition.Select(i => (i.Str(Attr.Pk), i.Str(Attr.Sk))).ToList();
        var blobKeys = new List<string>();
        long bytes = 0;
        foreach (var body in bodies.Values)
        {
            doomed.AddRange(BodyKeys(body));
            blobKeys.Add(body.Str(Attr.BlobKey));
            bytes += body.Long(Attr.Size);
        }

        await _table.BatchDeleteAsync(doomed, cancellationToken).ConfigureAwait(false);
        return (blobKeys, bytes);
    }

    /// <summary>Every item that exists because of this message body, apart from its state in the folder.</summary>
    private static IEnumerable<(string Pk, string Sk)> BodyKeys(Item body)
    {
        var id = body.Str(Attr.Id);
        yield return (Keys.Message(id), Keys.BodySk);
        for (var i = 0; i < MessageMapper.ChunkCount(body); i++)
        {
            yield return (Keys.Message(id), Keys.Chunk(i));
        }

        yield return (Keys.Blob(body.Str(Attr.BlobKey)), Keys.BlobRef(id));
        if (body.StrOrNull(Attr.DeliveryKey) is { } deliveryKey)
        {
            yield return (Keys.DeliveryKey(deliveryKey), Keys.DeliveryKeySk);
        }
    }

    /// <summary>
    /// The blob keys nothing needs any more. A blob is needed while a message uses it (each message holds a reference
    /// item under its blob's key: a strongly consistent Query with Limit 1, never a scan), and also while a record
    /// that will read it is pending: an outbound message not yet relayed, whose Sent copy shares the blob, or an
    /// accepted message not yet delivered to every recipient, whose delivered copies share it.
    /// </summary>
    private async Task<IReadOnlyList<string>> UnreferencedAsync(IEnumerable<string> blobKeys, CancellationToken cancellationToken)
    {
        var orphans = new List<string>();
        foreach (var key in blobKeys.Distinct(StringComparer.Ordinal))
        {
            // Pending records first: delivery appends its copies before it marks the accepted record delivered, so a
            // record seen as delivered here has copies that the reference Query below, issued after, is sure to see.
            if (await HeldByPendingRecordAsync(key, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var request = BeginsWith(Keys.Blob(key), Keys.BlobRefPrefix);
            request.Limit = 1;
            var response = await _table.QueryPageAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Items is not { Count: > 0 })
            {
                orphans.Add(key);
            }
        }

        return orphans;
    }

    /// <summary>
    /// Whether a queued or sending outbound record, or an undelivered accepted record, reads this blob. Both are found
    /// from the key with one GetItem each, without an index or a reference item on the ingest path: <see cref="BlobKeys"/>
    /// names an outbound blob after its outbound id, and every accepted record's id is <see cref="BlobKeys.AcceptedIdFor"/>
    /// of its blob key (the relay's cleaned copies included).
    /// </summary>
    private async Task<bool> HeldByPendingRecordAsync(string blobKey, CancellationToken cancellationToken)
    {
        var name = Path.GetFileNameWithoutExtension(blobKey);
        if (Ids.IsWellFormed(name, Ids.Outbound) &&
            await GetOutboundAsync(name, cancellationToken).ConfigureAwait(false) is { Status: OutboundStatus.Queued or OutboundStatus.Sending } outbound &&
            string.Equals(outbound.BlobKey, blobKey, StringComparison.Ordinal))
        {
            return true;
        }

        var accepted = await GetAcceptedAsync(BlobKeys.AcceptedIdFor(blobKey), cancellationToken).ConfigureAwait(false);
        return accepted is { State: IngestState.Accepted } && string.Equals(accepted.BlobKey, blobKey, StringComparison.Ordinal);
    }

    /// <summary>An update of a stored-bytes counter; with <paramref name="limit"/>, only if the result stays within it.</summary>
    private static Update AddBytes(string ownerPk, long delta, long? limit)
    {
        var update = new Update
        {
            Key = Av.Key(ownerPk, Keys.BytesSk),
            UpdateExpression = "ADD #b :d",
            ExpressionAttributeNames = new() { ["#b"] = Attr.Bytes },
            ExpressionAttributeValues = new() { [":d"] = Av.N(delta) },
        };
        if (limit is { } max)
        {
            // Expressions cannot add, so the condition compares the old value with limit − delta.
            update.ConditionExpression = "attribute_not_exists(#b) OR #b <= :max";
            update.ExpressionAttributeValues[":max"] = Av.N(max - delta);
        }

        return update;
    }

    private async Task ReleaseBytesAsync(string accountId, string inboxId, long bytes, CancellationToken cancellationToken)
    {
        var outcome = await CommitAsync(
            "Releasing stored bytes",
            () => [DynamoTable.Write(AddBytes(Keys.Inbox(inboxId), -bytes, null)), DynamoTable.Write(AddBytes(Keys.Account(accountId), -bytes, null))],
            cancellationToken).ConfigureAwait(false);
        outcome.EnsureCommitted("Releasing stored bytes");
    }
}
