using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    private const string SuppressionColumns = "account_id, address, reason, at, detail";
    private const string SelectSuppression = $"SELECT {SuppressionColumns} FROM suppressions WHERE account_id = $account AND address = $address";
    private const string SelectSuppressions = $"SELECT {SuppressionColumns} FROM suppressions WHERE account_id = $account ORDER BY address LIMIT $limit";
    private const string DeleteSuppression = "DELETE FROM suppressions WHERE account_id = $account AND address = $address";
    private const string UpsertSuppression = """
        INSERT INTO suppressions (account_id, address, reason, at, detail) VALUES ($account, $address, $reason, $at, $detail)
        ON CONFLICT (account_id, address) DO UPDATE SET reason = excluded.reason, at = excluded.at, detail = excluded.detail
        """;

    public Task AddSuppressionAsync(Suppression suppression, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suppression);
        return WriteAsync(
            session =>
            {
                StoreValidation.SuppressedAddress(suppression.Address);
                RequireAccount(session, suppression.AccountId);
                session.Command(UpsertSuppression)
                    .Bind("$account", suppression.AccountId).Bind("$address", suppression.Address).Bind("$reason", (int)suppression.Reason)
                    .Bind("$at", suppression.At).Bind("$detail", suppression.Detail)
                    .ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task<Suppression?> FindSuppressionAsync(string accountId, string address, CancellationToken cancellationToken = default) =>
        ReadAsync(
            session => session.Command(SelectSuppression).Bind("$account", accountId).Bind("$address", address).QuerySingle(ReadSuppression),
            cancellationToken);

    public Task<IReadOnlyList<Suppression>> ListSuppressionsAsync(string accountId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<Suppression>>(
            session => session.Command(SelectSuppressions).Bind("$account", accountId).Bind("$limit", (long)Math.Clamp(limit, 0, 1000)).QueryList(ReadSuppression),
            cancellationToken);

    public Task<bool> RemoveSuppressionAsync(string accountId, string address, CancellationToken cancellationToken = default) =>
        WriteAsync(
            session => session.Command(DeleteSuppression).Bind("$account", accountId).Bind("$address", address).ExecuteNonQuery() > 0,
            cancellationToken);

    private static Suppression ReadSuppression(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), (SuppressionReason)r.GetInt32(2), r.GetTime(3), r.GetNullableString(4));
}
