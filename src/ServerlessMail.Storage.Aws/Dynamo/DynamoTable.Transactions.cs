namespace ServerlessMail.Storage.Aws.Dynamo;

/// <summary>What a cancelled transaction said about each of its items, in request order.</summary>
internal sealed class TransactionOutcome(IReadOnlyList<string> codes)
{
    public static TransactionOutcome Committed { get; } = new([]);

    public bool Succeeded => codes.Count == 0;

    /// <summary>Another transaction or write touched one of the items at the same moment: retry.</summary>
    public bool Conflicted => codes.Any(c => c is "TransactionConflict" or "ThrottlingError" or "ProvisionedThroughputExceeded");

    public bool ConditionFailed(int index) => index >= 0 && index < codes.Count && codes[index] == "ConditionalCheckFailed";

    public int FirstConditionFailure() => codes.ToList().IndexOf("ConditionalCheckFailed");

    /// <summary>Called after the caller handled the conditions it expects: anything left is a failure to report.</summary>
    public void EnsureCommitted(string what)
    {
        if (!Succeeded)
        {
            throw new MailStoreException(MailStoreError.Unavailable, $"{what} failed: {string.Join(", ", codes)}.");
        }
    }
}

internal sealed partial class DynamoTable
{
    /// <summary>
    /// Runs a transaction. A cancellation (a condition failed, or a conflict) comes back as an outcome with a reason
    /// per item; everything else is a typed exception.
    /// </summary>
    public async Task<TransactionOutcome> TransactAsync(List<TransactWriteItem> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            if (item.Put is { } put)
            {
                put.TableName = tableName;
            }

            if (item.Update is { } update)
            {
                update.TableName = tableName;
            }

            if (item.Delete is { } delete)
            {
                delete.TableName = tableName;
            }

            if (item.ConditionCheck is { } check)
            {
                check.TableName = tableName;
            }
        }

        try
        {
            // The token makes the SDK's own retry of this request (after a timeout, say) idempotent: if the first try
            // committed, DynamoDB answers the retry with success instead of failing its conditions, which would make
            // an append without a delivery key look lost and be appended twice.
            var request = new TransactWriteItemsRequest { TransactItems = items, ClientRequestToken = Guid.NewGuid().ToString("N") };
            await CallAsync(() => client.TransactWriteItemsAsync(request, cancellationToken)).ConfigureAwait(false);
            return TransactionOutcome.Committed;
        }
        catch (TransactionCanceledException exception)
        {
            var codes = exception.CancellationReasons?.Select(r => r.Code ?? "None").ToList() ?? [];
            return new TransactionOutcome(codes.Count == items.Count ? codes : [.. codes, "TransactionConflict"]);
        }
    }

    public static TransactWriteItem Put(Item item, string? condition = null, Item? values = null) =>
        new() { Put = new Put { Item = item, ConditionExpression = condition, ExpressionAttributeValues = values } };

    public static TransactWriteItem Delete(string pk, string sk, string? condition = null, Item? values = null) =>
        new() { Delete = new Delete { Key = Av.Key(pk, sk), ConditionExpression = condition, ExpressionAttributeValues = values } };

    public static TransactWriteItem Write(Update update) => new() { Update = update };
}
