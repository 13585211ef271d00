namespace ServerlessMail.Core;

/// <summary>
/// Idempotent creates without a table of keys: the new record's id is derived from the account, the kind of record
/// and the client's key (<see cref="Ids.FromKey"/>), so a retry in any process, after any restart, looks up that id
/// and finds what the first attempt made. OutboundService does the same for sends.
/// </summary>
public static class Idempotency
{
    /// <summary>The id a create under <paramref name="key"/> gives its record. Scoped per account, so keys never collide across tenants.</summary>
    public static string IdFor(string prefix, string accountId, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Ids.FromKey(prefix, accountId + "\n" + prefix + "\n" + key);
    }

    /// <summary>The record with <paramref name="id"/> when it belongs to <paramref name="accountId"/>, or null.</summary>
    internal static async Task<T?> FindAsync<T>(string id, Func<string, CancellationToken, Task<T?>> get, string accountId, Func<T, string> accountOf, CancellationToken cancellationToken)
        where T : class
    {
        var found = await get(id, cancellationToken).ConfigureAwait(false);
        return found is not null && accountOf(found) == accountId ? found : null;
    }
}
