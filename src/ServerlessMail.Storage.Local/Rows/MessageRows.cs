using Microsoft.Data.Sqlite;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local.Rows;

internal static class MessageRows
{
    public const string Columns =
        "id, account_id, inbox_id, folder_id, uid, flags, keywords, internal_date, size, modseq, thread_id, blob_key, " +
        "envelope, summary, structure, delivery_key";

    public const string ContentColumns = "id, uid, flags, keywords, internal_date, size, modseq, blob_key, structure";

    public const string StateColumns = "uid, id, flags, keywords, modseq";

    public static StoredMessage Read(SqliteDataReader r) =>
        new(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetUInt32(4), (MessageFlags)r.GetInt32(5),
            StoreJson.Strings(r.GetString(6)), r.GetTime(7), r.GetInt64(8), r.GetUInt64(9), r.GetString(10), r.GetString(11),
            StoreJson.Envelope(r.GetString(12)), StoreJson.Summary(r.GetString(13)), r.GetBytes(14), r.GetNullableString(15));

    public static MessageState ReadState(SqliteDataReader r) =>
        new(r.GetUInt32(0), r.GetString(1), (MessageFlags)r.GetInt32(2), Keywords(r.GetString(3)), r.GetUInt64(4));

    public static MessageContent ReadContent(SqliteDataReader r) =>
        new(
            r.GetString(0), r.GetUInt32(1), (MessageFlags)r.GetInt32(2), Keywords(r.GetString(3)), r.GetTime(4), r.GetInt64(5),
            r.GetUInt64(6), r.GetString(7), r.GetBytes(8));

    // Most messages have no keywords: SELECT and FETCH over a large folder skip a JSON parse per row for them.
    private static IReadOnlyList<string> Keywords(string json) => json == "[]" ? NoKeywords : StoreJson.Strings(json);

    private static readonly string[] NoKeywords = [];
}
