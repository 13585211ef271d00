namespace ServerlessMail.Core;

/// <summary>
/// The per-account suppression list: addresses that hard-bounced or complained, which the send paths refuse
/// (<see cref="SuppressionService"/>). Addresses are stored lower-cased; an account's list is one partition in the
/// AWS store and one indexed table in the embedded store.
/// </summary>
public interface ISuppressionStore
{
    /// <summary>Adds or replaces the entry for <see cref="Suppression.Address"/> in its account.</summary>
    Task AddSuppressionAsync(Suppression suppression, CancellationToken cancellationToken = default);

    Task<Suppression?> FindSuppressionAsync(string accountId, string address, CancellationToken cancellationToken = default);

    /// <summary>An account's entries in address order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Suppression>> ListSuppressionsAsync(string accountId, int limit, CancellationToken cancellationToken = default);

    /// <summary>False when the address was not on the list.</summary>
    Task<bool> RemoveSuppressionAsync(string accountId, string address, CancellationToken cancellationToken = default);
}
