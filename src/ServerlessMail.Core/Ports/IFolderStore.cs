namespace ServerlessMail.Core;

public interface IFolderStore
{
    /// <summary>All folders of the inbox, in name order, with current counts.</summary>
    Task<IReadOnlyList<Folder>> ListFoldersAsync(string inboxId, CancellationToken cancellationToken = default);

    Task<Folder?> GetFolderAsync(string folderId, CancellationToken cancellationToken = default);

    /// <summary>By name; <c>INBOX</c> matches in any case (RFC 3501 §5.1), other names exactly.</summary>
    Task<Folder?> FindFolderAsync(string inboxId, string name, CancellationToken cancellationToken = default);

    /// <summary>Creates a folder. A name the inbox already has: <see cref="MailStoreError.Conflict"/>.</summary>
    Task CreateFolderAsync(Folder folder, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renames a folder and every folder below it (<c>a</c> → <c>b</c> also renames <c>a/x</c> to <c>b/x</c>), keeping
    /// ids, UIDVALIDITY and messages. A taken target name: <see cref="MailStoreError.Conflict"/>. INBOX:
    /// <see cref="MailStoreError.NotAllowed"/>, which the IMAP layer answers with <c>NO [CANNOT]</c>. RFC 3501 §6.3.5's
    /// INBOX rename (move every message to a new folder, INBOX staying) is not offered: on DynamoDB it is a
    /// transaction per message, not a rename; a client can create a folder and MOVE the messages itself.
    /// </summary>
    Task RenameFolderAsync(string folderId, string newName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a folder and its messages. Returns the blob keys nothing needs any more (see <see cref="IBlobStore"/>).
    /// Callers refuse special-use folders before calling.
    /// </summary>
    Task<IReadOnlyList<string>> DeleteFolderAsync(string folderId, CancellationToken cancellationToken = default);

    Task SetSubscribedAsync(string folderId, bool subscribed, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically takes the folder's \Recent messages for one session: returns the old FirstRecentUid and moves it to
    /// UIDNEXT, so exactly one session sees each message as \Recent (RFC 3501 §2.3.2).
    /// </summary>
    Task<uint> ClaimRecentAsync(string folderId, CancellationToken cancellationToken = default);
}
