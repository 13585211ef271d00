using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Rows;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    private const string MessageCursor = "messages";

    /// <summary>Above every UID (they are 32-bit), so "uid &lt; $before" starts at the newest.</summary>
    private const long UidCeiling = 1L << 32;

    // The (folder_id, uid) index gives the order and the keyset bound; the filters are checked on the rows it yields.
    private const string SelectMessagePage = $"""
        SELECT {MessageRows.Columns} FROM messages
        WHERE folder_id = $folder AND uid < $before
          AND ($unread IS NULL OR ((flags & 1) = 0) = $unread)
          AND ($since IS NULL OR internal_date >= $since)
          AND ($until IS NULL OR internal_date < $until)
          AND ($from IS NULL OR instr(search_from, $from) > 0)
          AND ($to IS NULL OR instr(search_to, $to) > 0)
          AND ($subject IS NULL OR instr(search_subject, $subject) > 0)
          AND ($text IS NULL OR instr(search_text, $text) > 0)
          AND ($thread IS NULL OR thread_id = $thread)
        ORDER BY uid DESC LIMIT $limit
        """;

    private const string SelectStates = $"SELECT {MessageRows.StateColumns} FROM messages WHERE folder_id = $folder ORDER BY uid";
    private const string SelectUidRange = $"""
        SELECT {MessageRows.ContentColumns} FROM messages WHERE folder_id = $folder AND uid BETWEEN $first AND $last ORDER BY uid LIMIT $limit
        """;

    private const string SelectChanged = $"SELECT {MessageRows.StateColumns} FROM messages WHERE folder_id = $folder AND modseq > $since ORDER BY uid";
    private const string SelectExpunged = "SELECT uid FROM expunged WHERE folder_id = $folder AND modseq > $since ORDER BY uid";
    private const string SelectThread = $"""
        SELECT {MessageRows.Columns} FROM messages WHERE account_id = $account AND thread_id = $thread ORDER BY internal_date, id
        """;

    public Task<Page<StoredMessage>> ListMessagesAsync(string folderId, MessageQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folderId);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        return ReadSnapshotAsync(
            session =>
            {
                long before = page.Cursor is null ? UidCeiling : Cursors.DecodeUid(page.Cursor, MessageCursor, folderId);
                RequireFolder(session, folderId);
                var items = session.Command(SelectMessagePage)
                    .Bind("$folder", folderId).Bind("$before", before).Bind("$unread", query.Unread)
                    .Bind("$since", query.Since).Bind("$until", query.Before)
                    .Bind("$from", Needle(query.From)).Bind("$to", Needle(query.To)).Bind("$subject", Needle(query.Subject))
                    .Bind("$text", Needle(query.Text)).Bind("$thread", query.ThreadId).Bind("$limit", page.EffectiveLimit + 1)
                    .QueryList(MessageRows.Read);
                return ToPage(
                    items,
                    page.EffectiveLimit,
                    last => Cursors.Encode(MessageCursor, folderId, last.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            },
            cancellationToken);
    }

    /// <summary>An unknown folder has no messages: an empty list, as the contract asks.</summary>
    public Task<IReadOnlyList<MessageState>> ListStatesAsync(string folderId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<MessageState>>(
            session => session.Command(SelectStates).Bind("$folder", folderId).QueryList(MessageRows.ReadState),
            cancellationToken);

    public Task<IReadOnlyList<MessageContent>> ListContentByUidAsync(string folderId, uint firstUid, uint lastUid, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folderId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ReadAsync<IReadOnlyList<MessageContent>>(
            session => session.Command(SelectUidRange)
                .Bind("$folder", folderId).Bind("$first", firstUid).Bind("$last", lastUid).Bind("$limit", Math.Min(limit, PageRequest.MaxLimit))
                .QueryList(MessageRows.ReadContent),
            cancellationToken);
    }

    public Task<FolderChanges> GetChangesAsync(string folderId, ulong sinceModSeq, CancellationToken cancellationToken = default) =>
        ReadSnapshotAsync(
            session =>
            {
                var folder = RequireFolder(session, folderId);
                var since = (long)Math.Min(sinceModSeq, long.MaxValue);
                var changed = session.Command(SelectChanged).Bind("$folder", folderId).Bind("$since", since).QueryList(MessageRows.ReadState);
                var expunged = session.Command(SelectExpunged).Bind("$folder", folderId).Bind("$since", since).QueryList(r => r.GetUInt32(0));
                return new FolderChanges(folder, changed, expunged);
            },
            cancellationToken);

    public Task<IReadOnlyList<StoredMessage>> ListThreadAsync(string accountId, string threadId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<StoredMessage>>(
            session => session.Command(SelectThread).Bind("$account", accountId).Bind("$thread", threadId).QueryList(MessageRows.Read),
            cancellationToken);

    /// <summary>An empty filter matches everything, like no filter.</summary>
    private static string? Needle(string? value) => string.IsNullOrEmpty(value) ? null : SearchText.Fold(value);
}
