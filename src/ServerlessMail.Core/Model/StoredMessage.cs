namespace ServerlessMail.Core;

/// <summary>
/// A message in a folder. <see cref="Id"/> is stable for the life of the message, across moves; <see cref="Uid"/>
/// is its UID in its current folder. <see cref="Structure"/> is the <c>MimeStructureCodec</c> form of the parsed
/// structure, so IMAP and the API read parts with ranged reads of <see cref="BlobKey"/> instead of parsing again.
/// </summary>
public sealed record StoredMessage(
    string Id,
    string AccountId,
    string InboxId,
    string FolderId,
    uint Uid,
    MessageFlags Flags,
    IReadOnlyList<string> Keywords,
    DateTimeOffset InternalDate,
    long Size,
    ulong ModSeq,
    string ThreadId,
    string BlobKey,
    MessageEnvelope Envelope,
    MessageSummary Summary,
    ReadOnlyMemory<byte> Structure,
    string? DeliveryKey);

/// <summary>
/// What IMAP FETCH and SEARCH read of a stored message: its state, dates, size, blob and structure, without the
/// summary and delivery envelope that listings need, so reading a run of them decodes no JSON but the keywords.
/// </summary>
public sealed record MessageContent(
    string Id,
    uint Uid,
    MessageFlags Flags,
    IReadOnlyList<string> Keywords,
    DateTimeOffset InternalDate,
    long Size,
    ulong ModSeq,
    string BlobKey,
    ReadOnlyMemory<byte> Structure)
{
    public static MessageContent Of(StoredMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Id, message.Uid, message.Flags, message.Keywords, message.InternalDate, message.Size, message.ModSeq, message.BlobKey, message.Structure);
    }
}

/// <summary>
/// A message to append. The store assigns the UID and MODSEQ. <see cref="DeliveryKey"/>, when set, makes the append
/// idempotent: appending again with the same key returns the message already stored instead of a duplicate.
/// </summary>
public sealed record NewMessage(
    string Id,
    string AccountId,
    string InboxId,
    string FolderId,
    MessageFlags Flags,
    IReadOnlyList<string> Keywords,
    DateTimeOffset InternalDate,
    long Size,
    string ThreadId,
    string BlobKey,
    MessageEnvelope Envelope,
    MessageSummary Summary,
    ReadOnlyMemory<byte> Structure,
    string? DeliveryKey,
    StorageLimit? Limit = null);

/// <summary>The stored-bytes limits an append must respect; null fields are unlimited.</summary>
public sealed record StorageLimit(long? InboxBytes, long? AccountBytes);

/// <summary>One message's IMAP state, for SELECT and flag listings without loading summaries.</summary>
public sealed record MessageState(uint Uid, string MessageId, MessageFlags Flags, IReadOnlyList<string> Keywords, ulong ModSeq);

/// <summary>Flags and keywords to add and remove (IMAP STORE +FLAGS/-FLAGS, or both for FLAGS).</summary>
public sealed record FlagChange(
    MessageFlags Add,
    MessageFlags Remove,
    IReadOnlyList<string> AddKeywords,
    IReadOnlyList<string> RemoveKeywords,
    bool Replace = false)
{
    public static FlagChange Set(MessageFlags flags) => new(flags, MessageFlags.None, [], []);

    public static FlagChange Clear(MessageFlags flags) => new(MessageFlags.None, flags, [], []);
}

/// <summary>What changed in a folder after a MODSEQ (RFC 7162): changed messages' state and expunged UIDs.</summary>
public sealed record FolderChanges(Folder Folder, IReadOnlyList<MessageState> Changed, IReadOnlyList<uint> Expunged);

/// <summary>Filters for message listings; all given filters must match. Text matches are case-insensitive substrings.</summary>
public sealed record MessageQuery(
    bool? Unread = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Before = null,
    string? From = null,
    string? To = null,
    string? Subject = null,
    string? Text = null,
    string? ThreadId = null)
{
    public static MessageQuery All { get; } = new();
}
