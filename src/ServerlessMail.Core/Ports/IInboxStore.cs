namespace ServerlessMail.Core;

public interface IInboxStore
{
    /// <summary>
    /// Creates the inbox, claims its address and creates its folders, all or nothing. An address already claimed:
    /// <see cref="MailStoreError.Conflict"/>.
    /// </summary>
    Task CreateInboxAsync(Inbox inbox, IReadOnlyList<Folder> folders, CancellationToken cancellationToken = default);

    Task<Inbox?> GetInboxAsync(string inboxId, CancellationToken cancellationToken = default);

    /// <summary>The inbox with exactly this address (lower-case, no plus tag), or null.</summary>
    Task<Inbox?> FindInboxByAddressAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>The account's inboxes, newest first.</summary>
    Task<Page<Inbox>> ListInboxesAsync(string accountId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Replaces the display name and limits (the address never changes).</summary>
    Task UpdateInboxAsync(Inbox inbox, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the inbox with its folders, messages and address claim. Returns the blob keys its messages used that
    /// nothing needs any more (see <see cref="IBlobStore"/>), so the caller can purge them. The inbox's outbound
    /// records stay: one still queued is relayed from its blob.
    /// </summary>
    Task<IReadOnlyList<string>> DeleteInboxAsync(string inboxId, CancellationToken cancellationToken = default);
}
