using System.Globalization;

namespace ServerlessMail.Core;

/// <summary>
/// The suppression policy both send paths share (SMTP submission and the REST send go through
/// <see cref="OutboundService"/>): a message with any suppressed recipient is refused whole, before anything is stored
/// or charged, rather than sent to the others with that recipient silently dropped. Why refuse: a silent drop would
/// tell the sender "queued" for an address that will never get it; a refusal names the address, and the sender can
/// remove it or ask for it to be lifted (<see cref="RemoveAsync"/>). SMTP answers <c>550 5.1.1</c> naming it, the API a
/// problem.
/// </summary>
public sealed class SuppressionService(ISuppressionStore store, TimeProvider clock)
{
    /// <summary>The key in <see cref="Exception.Data"/> under which a refusal carries the suppressed addresses.</summary>
    public const string RefusedAddressesKey = "ServerlessMail.SuppressedAddresses";

    public static string Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var trimmed = address.Trim().Trim('<', '>');
        if (trimmed.Length is 0 or > Suppression.MaxAddressLength || !trimmed.Contains('@', StringComparison.Ordinal))
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, "A suppressed address must be an address of at most 254 characters.");
        }

        return trimmed.ToLowerInvariant();
    }

    public async Task<Suppression> AddAsync(string accountId, string address, SuppressionReason reason, string? detail, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var entry = new Suppression(
            accountId, Normalize(address), reason, clock.GetUtcNow(),
            detail is { Length: > Suppression.MaxDetailLength } ? detail[..Suppression.MaxDetailLength] : detail);
        await store.AddSuppressionAsync(entry, cancellationToken).ConfigureAwait(false);
        return entry;
    }

    public Task<bool> RemoveAsync(string accountId, string address, CancellationToken cancellationToken = default) =>
        store.RemoveSuppressionAsync(accountId, Normalize(address), cancellationToken);

    /// <summary>The entry that suppresses <paramref name="address"/> for the account, or null (also for a malformed address).</summary>
    public async Task<Suppression?> FindAsync(string accountId, string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var trimmed = address.Trim().Trim('<', '>');
        if (trimmed.Length is 0 or > Suppression.MaxAddressLength)
        {
            return null;
        }

        return await store.FindSuppressionAsync(accountId, trimmed.ToLowerInvariant(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Throws the refusal when any of <paramref name="recipients"/> is suppressed for the account.</summary>
    public async Task EnsureNoneSuppressedAsync(string accountId, IReadOnlyList<string> recipients, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var found = new List<Suppression>();
        foreach (var recipient in recipients.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (await FindAsync(accountId, recipient, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                found.Add(entry);
            }
        }

        if (found.Count > 0)
        {
            throw Refusal(found);
        }
    }

    /// <summary>The addresses a refusal from <see cref="EnsureNoneSuppressedAsync"/> names, or null for any other exception.</summary>
    public static IReadOnlyList<string>? RefusedAddresses(Exception exception) =>
        exception?.Data[RefusedAddressesKey] as string[];

    private static MailStoreException Refusal(List<Suppression> found)
    {
        var described = string.Join(", ", found.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Address} ({Describe(s.Reason)} {s.At:yyyy-MM-dd})")));
        var refusal = new MailStoreException(MailStoreError.NotAllowed, "Recipient on the account's suppression list: " + described + ".");
        refusal.Data[RefusedAddressesKey] = found.Select(s => s.Address).ToArray();
        return refusal;
    }

    private static string Describe(SuppressionReason reason) => reason switch
    {
        SuppressionReason.Bounce => "hard bounce",
        SuppressionReason.Complaint => "complaint",
        _ => "added manually",
    };
}
