using Microsoft.Data.Sqlite;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local.Rows;

internal static class AccountRows
{
    public const string Columns = "id, name, sends_per_day, sends_per_minute, stored_bytes_limit, created_at";

    public static Account Read(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), new QuotaLimits(r.GetNullableInt32(2), r.GetNullableInt32(3), r.GetNullableInt64(4)), r.GetTime(5));
}

internal static class DomainRows
{
    public const string Columns = "name, account_id, is_default, catch_all_inbox_id, created_at";

    public static MailDomain Read(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetFlag(2), r.GetNullableString(3), r.GetTime(4));
}

internal static class InboxRows
{
    public const string Columns =
        "id, account_id, local_part, domain, display_name, sends_per_day, sends_per_minute, stored_bytes_limit, created_at";

    public static Inbox Read(SqliteDataReader r) =>
        new(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetNullableString(4),
            new QuotaLimits(r.GetNullableInt32(5), r.GetNullableInt32(6), r.GetNullableInt64(7)), r.GetTime(8));
}
