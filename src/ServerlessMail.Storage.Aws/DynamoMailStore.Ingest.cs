using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    public async Task AddAcceptedAsync(AcceptedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!await _table.TryPutAsync(AcceptedMapper.ToItem(message), NotExists, cancellationToken).ConfigureAwait(false))
        {
            throw MailStoreException.Conflict($"The accepted message '{message.Id}' already exists.");
        }
    }

    public async Task<AcceptedMessage?> GetAcceptedAsync(string acceptedId, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(acceptedId))
        {
            return null;
        }

        var item = await _table.GetAsync(Keys.Accepted(acceptedId), Keys.AcceptedSk, cancellationToken).ConfigureAwait(false);
        return item is null ? null : AcceptedMapper.FromItem(item);
    }

    public async Task<IReadOnlyList<AcceptedMessage>> ListDueAcceptedAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var items = await ListDueAsync(Keys.DueAccepted, now, limit, cancellationToken).ConfigureAwait(false);
        return items
            .Select(AcceptedMapper.FromItem)
            .Where(m => m.State == IngestState.Accepted && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    public async Task UpdateAcceptedAsync(AcceptedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!await _table.TryPutAsync(AcceptedMapper.ToItem(message), Exists, cancellationToken).ConfigureAwait(false))
        {
            throw MailStoreException.NotFound("The accepted message");
        }
    }

    /// <summary>
    /// Due records from every shard of the Due index (keys only, oldest first), then the records themselves in one
    /// strongly consistent batch read: the index lags its table, and a record delivered a moment ago must not come
    /// back as due with its old state.
    /// </summary>
    private async Task<List<Item>> ListDueAsync(Func<int, string> shardKey, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        var keys = new List<(string Sort, string Pk)>();
        for (var shard = 0; shard < Keys.DueShards; shard++)
        {
            var response = await _table.QueryPageAsync(
                new QueryRequest
                {
                    IndexName = TableSchema.Due,
                    KeyConditionExpression = "#pk = :pk AND #sk <= :upTo",
                    ExpressionAttributeNames = new() { ["#pk"] = Attr.Gsi2Pk, ["#sk"] = Attr.Gsi2Sk },
                    ExpressionAttributeValues = new() { [":pk"] = Av.S(shardKey(shard)), [":upTo"] = Av.S(Keys.DueUpTo(now)) },
                    Limit = limit,
                },
                cancellationToken).ConfigureAwait(false);
            keys.AddRange((response.Items ?? []).Select(i => (i.Str(Attr.Gsi2Sk), i.Str(Attr.Pk))));
        }

        var oldest = keys.OrderBy(k => k.Sort, StringComparer.Ordinal).Take(limit).Select(k => k.Pk).ToList();
        var found = await _table.BatchGetAsync(oldest.Select(pk => (pk, PkSortKey(pk))), cancellationToken).ConfigureAwait(false);
        return found.Values.ToList();
    }

    private static string PkSortKey(string pk) => pk.StartsWith("ING#", StringComparison.Ordinal) ? Keys.AcceptedSk : Keys.OutboundSk;
}
