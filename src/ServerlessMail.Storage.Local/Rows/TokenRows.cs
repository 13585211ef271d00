using Microsoft.Data.Sqlite;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local.Rows;

internal static class TokenRows
{
    public const string Columns =
        "id, account_id, name, inbox_id, permissions, hash, display_prefix, last_four, created_at, expires_at, last_used_at, revoked_at";

    public static ApiToken Read(SqliteDataReader r) =>
        new(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetNullableString(3), (TokenPermissions)r.GetInt32(4),
            r.GetBytes(5), r.GetString(6), r.GetString(7), r.GetTime(8), r.GetNullableTime(9), r.GetNullableTime(10),
            r.GetNullableTime(11));
}
