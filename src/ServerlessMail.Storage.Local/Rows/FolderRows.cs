using Microsoft.Data.Sqlite;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local.Rows;

internal static class FolderRows
{
    public const string Columns =
        "id, inbox_id, name, special_use, uid_validity, uid_next, highest_modseq, total, unseen, first_recent_uid, subscribed, created_at";

    public static Folder Read(SqliteDataReader r) =>
        new(
            r.GetString(0), r.GetString(1), r.GetString(2), (SpecialUse)r.GetInt32(3), r.GetUInt32(4), r.GetUInt32(5),
            r.GetUInt64(6), r.GetInt32(7), r.GetInt32(8), r.GetUInt32(9), r.GetFlag(10), r.GetTime(11));

    /// <summary>The unique key of a name within its inbox: INBOX in any case is INBOX (RFC 3501 §5.1).</summary>
    public static string NameKey(string name) =>
        string.Equals(name, Folder.InboxName, StringComparison.OrdinalIgnoreCase) ? Folder.InboxName : name;
}
