using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

/// <summary>
/// The suppression list lives in the account's partition (<c>ACC#{acc}</c> / <c>SUP#{address}</c>): a check is one
/// strongly consistent GetItem, a listing one Query of that partition with <c>begins_with(SK, "SUP#")</c>.
/// </summary>
public sealed partial class DynamoMailStore
{
    public async Task AddSuppressionAsync(Suppression suppression, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suppression);
        if (suppression.Address is not { Length: > 0 and <= Suppression.MaxAddressLength } || suppression.Address.Any(char.IsUpper))
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, "A suppressed address is lower-cased and at most 254 characters.");
        }

        // Read first, like the embedded store's foreign key: an entry for an account that does not exist is refused.
        if (await GetAccountAsync(suppression.AccountId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw MailStoreException.NotFound("The account");
        }

        var item = Av.Key(Keys.Account(suppression.AccountId), Keys.Suppression(suppression.Address));
        item[Attr.AccountId] = Av.S(suppression.AccountId);
        item[Attr.Address] = Av.S(suppression.Address);
        item[Attr.Reason] = Av.N((long)suppression.Reason);
        item[Attr.At] = Av.Date(suppression.At);
        item.SetIfNotNull(Attr.Detail, suppression.Detail);
        await _table.TryPutAsync(item, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Suppression?> FindSuppressionAsync(string accountId, string address, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(accountId) || address is not { Length: > 0 and <= Suppression.MaxAddressLength })
        {
            return null;
        }

        var item = await _table.GetAsync(Keys.Account(accountId), Keys.Suppression(address), cancellationToken).ConfigureAwait(false);
        return item is null ? null : ReadSuppression(item);
    }

    public async Task<IReadOnlyList<Suppression>> ListSuppressionsAsync(string accountId, int limit, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(accountId) || limit <= 0)
        {
            return [];
        }

        var response = await _table.QueryPageAsync(
            new QueryRequest
            {
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = Attr.Pk, ["#sk"] = Attr.Sk },
                ExpressionAttributeValues = new() { [":pk"] = Av.S(Keys.Account(accountId)), [":prefix"] = Av.S(Keys.SuppressionPrefix) },
                Limit = Math.Min(limit, 1000),
            },
            cancellationToken).ConfigureAwait(false);
        return (response.Items ?? []).Select(ReadSuppression).ToList();
    }

    public async Task<bool> RemoveSuppressionAsync(string accountId, string address, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(accountId) || address is not { Length: > 0 and <= Suppression.MaxAddressLength })
        {
            return false;
        }

        var request = new DeleteItemRequest { TableName = _table.Name, Key = Av.Key(Keys.Account(accountId), Keys.Suppression(address)), ReturnValues = ReturnValue.ALL_OLD };
        var old = await DynamoTable.CallAsync(() => _table.Client.DeleteItemAsync(request, cancellationToken)).ConfigureAwait(false);
        return old.Attributes is { Count: > 0 };
    }

    private static Suppression ReadSuppression(Item item) =>
        new(item.Str(Attr.AccountId), item.Str(Attr.Address), (SuppressionReason)item.Int(Attr.Reason), item.Date(Attr.At), item.StrOrNull(Attr.Detail));
}
