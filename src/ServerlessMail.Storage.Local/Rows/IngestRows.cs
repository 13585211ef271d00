using Microsoft.Data.Sqlite;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local.Rows;

internal static class AcceptedRows
{
    public const string Columns = "id, blob_key, size, envelope, accepted_at, state, attempts, next_attempt_at, last_error";

    public static AcceptedMessage Read(SqliteDataReader r) =>
        new(
            r.GetString(0), r.GetString(1), r.GetInt64(2), StoreJson.Envelope(r.GetString(3)), r.GetTime(4),
            (IngestState)r.GetInt32(5), r.GetInt32(6), r.GetTime(7), r.GetNullableString(8));
}

internal static class OutboundRows
{
    public const string Columns =
        "id, account_id, inbox_id, sent_message_id, message_id_header, blob_key, mail_from, recipients, status, " +
        "provider_message_id, history, attempts, next_attempt_at, created_at, updated_at, idempotency_key";

    public static OutboundEmail Read(SqliteDataReader r) =>
        new(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetNullableString(4), r.GetString(5),
            r.GetString(6), StoreJson.Strings(r.GetString(7)), (OutboundStatus)r.GetInt32(8), r.GetNullableString(9),
            StoreJson.History(r.GetString(10)), r.GetInt32(11), r.GetTime(12), r.GetTime(13), r.GetTime(14),
            r.GetNullableString(15));
}
