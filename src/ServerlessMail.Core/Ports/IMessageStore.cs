namespace ServerlessMail.Core;

public interface IMessageStore
{
    /// <summary>
    /// Appends to a folder: assigns the next UID and a new MODSEQ, updates the folder's counts, and charges the stored
    /// bytes, atomically. UIDs ascend in commit order: a message committed later never has a smaller UID. With a
    /// <see cref="NewMessage.DeliveryKey"/> already stored, returns that message unchanged (an idempotent replay).
    /// Over <see cref="NewMessage.Limit"/>: <see cref="MailStoreError.OverQuota"/>.
    /// </summary>
    Task<StoredMessage> AppendAsync(NewMessage message, CancellationToken cancellationToken = default);

    Task<StoredMessage?> GetMessageAsync(string messageId, CancellationToken cancellationToken = default);

    Task<StoredMessage?> GetMessageByUidAsync(string folderId, uint uid, CancellationToken cancellationToken = default);

    /// <summary>Messages of a folder, newest (highest UID) first, filtered by <paramref name="query"/>.</summary>
    Task<Page<StoredMessage>> ListMessagesAsync(string folderId, MessageQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Every message's UID, flags and MODSEQ in a folder, in UID order: what IMAP SELECT needs, without summaries.</summary>
    Task<IReadOnlyList<MessageState>> ListStatesAsync(string folderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The content (<see cref="MessageContent"/>) of up to <paramref name="limit"/> messages of a folder with UIDs from <paramref name="firstUid"/> to
    /// <paramref name="lastUid"/> (inclusive), in ascending UID order: one read for a run of IMAP FETCH or SEARCH
    /// instead of one per message. An unknown folder or an empty range gives an empty list.
    /// </summary>
    Task<IReadOnlyList<MessageContent>> ListContentByUidAsync(string folderId, uint firstUid, uint lastUid, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes flags and keywords, giving the message a new MODSEQ. With <paramref name="unchangedSince"/> (RFC 7162
    /// UNCHANGEDSINCE) and a message modified after it: <see cref="MailStoreError.Conflict"/>, nothing changed.
    /// </summary>
    Task<StoredMessage> UpdateFlagsAsync(string messageId, FlagChange change, ulong? unchangedSince = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves to another folder of the same inbox: a new UID there, an expunge in the source, the same message id. A
    /// folder of another inbox: <see cref="MailStoreError.InvalidArgument"/>.
    /// </summary>
    Task<StoredMessage> MoveAsync(string messageId, string targetFolderId, CancellationToken cancellationToken = default);

    /// <summary>Copies into another folder of the same inbox under a new message id, sharing the blob (as <see cref="MoveAsync"/>, not across inboxes).</summary>
    Task<StoredMessage> CopyAsync(string messageId, string targetFolderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="CopyAsync(string, string, CancellationToken)"/>, and the copy's bytes are charged within
    /// <paramref name="limit"/> atomically, as <see cref="AppendAsync"/> charges them: over it,
    /// <see cref="MailStoreError.OverQuota"/> and nothing copied. A null limit charges without a check.
    /// </summary>
    Task<StoredMessage> CopyAsync(string messageId, string targetFolderId, StorageLimit? limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes messages permanently, recording each expunge with a MODSEQ for <see cref="GetChangesAsync"/>. Returns
    /// the blob keys nothing needs any more (<see cref="IBlobStore"/> explains when a blob is needed), which the caller
    /// may delete. Unknown ids are skipped.
    /// </summary>
    Task<IReadOnlyList<string>> ExpungeAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default);

    /// <summary>Messages changed and UIDs expunged after <paramref name="sinceModSeq"/>, with the folder's current state.</summary>
    Task<FolderChanges> GetChangesAsync(string folderId, ulong sinceModSeq, CancellationToken cancellationToken = default);

    /// <summary>The messages of a thread within an account, oldest first.</summary>
    Task<IReadOnlyList<StoredMessage>> ListThreadAsync(string accountId, string threadId, CancellationToken cancellationToken = default);
}
