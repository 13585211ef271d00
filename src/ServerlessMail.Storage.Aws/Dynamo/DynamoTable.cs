using System.Net.Sockets;
using Amazon.Runtime;

namespace ServerlessMail.Storage.Aws.Dynamo;

/// <summary>
/// The table's requests, in one place: every read that decides anything is strongly consistent, every failure of the
/// service becomes a typed <see cref="MailStoreException"/>, and conditional failures come back as values.
/// </summary>
internal sealed partial class DynamoTable(IAmazonDynamoDB client, string tableName)
{
    private const int BatchGetLimit = 100;
    private const int BatchWriteLimit = 25;

    public string Name => tableName;

    public IAmazonDynamoDB Client => client;

    public async Task<Item?> GetAsync(string pk, string sk, CancellationToken cancellationToken)
    {
        var response = await CallAsync(
            () => client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Av.Key(pk, sk), ConsistentRead = true }, cancellationToken)).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>Puts the item; false when <paramref name="condition"/> failed.</summary>
    public async Task<bool> TryPutAsync(Item item, string? condition, CancellationToken cancellationToken, Item? values = null)
    {
        var request = new PutItemRequest { TableName = tableName, Item = item, ConditionExpression = condition, ExpressionAttributeValues = values };
        return await TryConditionalAsync(() => client.PutItemAsync(request, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Updates the item; false when the condition failed.</summary>
    public async Task<bool> TryUpdateAsync(Update update, CancellationToken cancellationToken)
    {
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = update.Key,
            UpdateExpression = update.UpdateExpression,
            ConditionExpression = update.ConditionExpression,
            ExpressionAttributeNames = update.ExpressionAttributeNames,
            ExpressionAttributeValues = update.ExpressionAttributeValues,
        };
        return await TryConditionalAsync(() => client.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Updates the item and returns the attributes it changed, as they were before.</summary>
    public async Task<Item?> UpdateReturningOldAsync(Update update, CancellationToken cancellationToken)
    {
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = update.Key,
            UpdateExpression = update.UpdateExpression,
            ConditionExpression = update.ConditionExpression,
            ExpressionAttributeNames = update.ExpressionAttributeNames,
            ExpressionAttributeValues = update.ExpressionAttributeValues,
            ReturnValues = ReturnValue.UPDATED_OLD,
        };
        try
        {
            var response = await CallAsync(() => client.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
            return response.Attributes ?? [];
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string pk, string sk, CancellationToken cancellationToken) =>
        await CallAsync(() => client.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = Av.Key(pk, sk) }, cancellationToken)).ConfigureAwait(false);

    /// <summary>One page of a query; the caller passes <c>ExclusiveStartKey</c> for the next.</summary>
    public Task<QueryResponse> QueryPageAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        request.TableName = tableName;
        request.ConsistentRead ??= request.IndexName is null || request.IndexName.StartsWith(TableSchema.LocalIndexPrefix, StringComparison.Ordinal);
        return CallAsync(() => client.QueryAsync(request, cancellationToken));
    }

    /// <summary>Every item the query matches, following pages.</summary>
    public async Task<List<Item>> QueryAllAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        var items = new List<Item>();
        do
        {
            var response = await QueryPageAsync(request, cancellationToken).ConfigureAwait(false);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (request.ExclusiveStartKey is not null);

        return items;
    }

    /// <summary>Strongly consistent reads of many keys; the result maps "PK\nSK" to the item, absent keys left out.</summary>
    public async Task<Dictionary<string, Item>> BatchGetAsync(IEnumerable<(string Pk, string Sk)> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Item>(StringComparer.Ordinal);
        var distinct = keys.Distinct().ToList();
        for (var start = 0; start < distinct.Count; start += BatchGetLimit)
        {
            var pending = new KeysAndAttributes
            {
                ConsistentRead = true,
                Keys = distinct.Skip(start).Take(BatchGetLimit).Select(k => Av.Key(k.Pk, k.Sk)).ToList(),
            };
            for (var attempt = 0; pending is { Keys.Count: > 0 }; attempt++)
            {
                if (attempt > 0)
                {
                    await Contention.DelayAsync(attempt, cancellationToken).ConfigureAwait(false);
                }

                var request = new BatchGetItemRequest { RequestItems = new() { [tableName] = pending } };
                var response = await CallAsync(() => client.BatchGetItemAsync(request, cancellationToken)).ConfigureAwait(false);
                if (response.Responses?.TryGetValue(tableName, out var items) == true)
                {
                    foreach (var item in items)
                    {
                        found[KeyOf(item)] = item;
                    }
                }

                pending = response.UnprocessedKeys?.GetValueOrDefault(tableName);
            }
        }

        return found;
    }

    /// <summary>Deletes many items, without conditions, retrying what the service left unprocessed.</summary>
    public async Task BatchDeleteAsync(IEnumerable<(string Pk, string Sk)> keys, CancellationToken cancellationToken)
    {
        var all = keys.Distinct().ToList();
        for (var start = 0; start < all.Count; start += BatchWriteLimit)
        {
            var pending = all.Skip(start).Take(BatchWriteLimit)
                .Select(k => new WriteRequest { DeleteRequest = new DeleteRequest { Key = Av.Key(k.Pk, k.Sk) } })
                .ToList();
            for (var attempt = 0; pending is { Count: > 0 }; attempt++)
            {
                if (attempt > 0)
                {
                    await Contention.DelayAsync(attempt, cancellationToken).ConfigureAwait(false);
                }

                var request = new BatchWriteItemRequest { RequestItems = new() { [tableName] = pending } };
                var response = await CallAsync(() => client.BatchWriteItemAsync(request, cancellationToken)).ConfigureAwait(false);
                pending = response.UnprocessedItems?.GetValueOrDefault(tableName);
            }
        }
    }

    public static string KeyOf(Item item) => item.Str(Attr.Pk) + "\n" + item.Str(Attr.Sk);

    public static string KeyOf(string pk, string sk) => pk + "\n" + sk;

    private static async Task<bool> TryConditionalAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await CallAsync(call).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Maps what the service or the network says into the store's typed errors. Conditional failures and cancelled
    /// transactions pass through: the caller decides what they mean.
    /// </summary>
    internal static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonDynamoDBException exception) when (exception is not ConditionalCheckFailedException and not TransactionCanceledException)
        {
            throw exception.ErrorCode == "ValidationException"
                ? new MailStoreException(MailStoreError.InvalidArgument, "DynamoDB refused a value: " + exception.Message, exception)
                : new MailStoreException(MailStoreError.Unavailable, "DynamoDB failed: " + exception.Message, exception);
        }
        catch (Exception exception) when (exception is AmazonClientException or HttpRequestException or SocketException or IOException)
        {
            throw new MailStoreException(MailStoreError.Unavailable, "DynamoDB is unreachable: " + exception.Message, exception);
        }
    }
}
