using Microsoft.Data.Sqlite;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Rows;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    private const string OutboundCursor = "outbound";

    private const string SelectOutbound = $"SELECT {OutboundRows.Columns} FROM outbound WHERE id = $id";
    private const string SelectOutboundByKey = $"SELECT {OutboundRows.Columns} FROM outbound WHERE account_id = $account AND idempotency_key = $key";
    private const string SelectOutboundByProviderId = $"SELECT {OutboundRows.Columns} FROM outbound WHERE provider_message_id = $providerId ORDER BY id LIMIT 1";
    private const string OutboundExists = "SELECT 1 FROM outbound WHERE id = $id";
    private const string SelectOutboundPage = $"""
        SELECT {OutboundRows.Columns} FROM outbound WHERE inbox_id = $inbox AND id < $after ORDER BY id DESC LIMIT $limit
        """;

    // Queued (0) records due for an attempt, and Sending (1) ones whose claim lease has ended: "status IN (0, 1)" is
    // the predicate of the partial index outbound_due (schema step 2), so SQLite uses it.
    private const string SelectDueOutbound = $"""
        SELECT {OutboundRows.Columns} FROM outbound WHERE status IN (0, 1) AND next_attempt_at <= $now ORDER BY next_attempt_at, id LIMIT $limit
        """;

    private const string InsertOutbound = """
        INSERT INTO outbound (id, account_id, inbox_id, sent_message_id, message_id_header, blob_key, mail_from, status,
                              provider_message_id, attempts, next_attempt_at, created_at, updated_at, idempotency_key,
                              recipients, history)
        VALUES ($id, $account, $inbox, $sentMessageId, $messageIdHeader, $blobKey, $mailFrom, $status, $providerId, $attempts,
                $nextAttemptAt, $createdAt, $updatedAt, $key, $recipients, $history)
        """;

    // The compare-and-set that keeps two relays from both sending: the row changes only if its status (and, when given,
    // its attempt count) is still the expected one.
    private const string UpdateOutboundIfStatus = """
        UPDATE outbound SET sent_message_id = $sentMessageId, message_id_header = $messageIdHeader, blob_key = $blobKey,
                            mail_from = $mailFrom, status = $status, provider_message_id = $providerId, attempts = $attempts,
                            next_attempt_at = $nextAttemptAt, updated_at = $updatedAt, recipients = $recipients, history = $history
        WHERE id = $id AND status = $expected AND ($expectedAttempts IS NULL OR attempts = $expectedAttempts)
        """;

    public Task<OutboundEmail> CreateOutboundAsync(OutboundEmail outbound, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        return WriteAsync(
            session =>
            {
                StoreValidation.IdempotencyKey(outbound.IdempotencyKey);
                if (outbound.IdempotencyKey is { } key &&
                    session.Command(SelectOutboundByKey).Bind("$account", outbound.AccountId).Bind("$key", key).QuerySingle(OutboundRows.Read) is { } existing)
                {
                    return existing;
                }

                if (session.Command(OutboundExists).Bind("$id", outbound.Id).QueryInt64() is not null)
                {
                    throw MailStoreException.Conflict($"The outbound message {outbound.Id} already exists.");
                }

                BindOutbound(session.Command(InsertOutbound), outbound)
                    .Bind("$account", outbound.AccountId).Bind("$inbox", outbound.InboxId).Bind("$createdAt", outbound.CreatedAt)
                    .Bind("$key", outbound.IdempotencyKey)
                    .ExecuteNonQuery();
                return outbound;
            },
            cancellationToken);
    }

    public Task<OutboundEmail?> GetOutboundAsync(string outboundId, CancellationToken cancellationToken = default) =>
        ReadAsync(session => session.Command(SelectOutbound).Bind("$id", outboundId).QuerySingle(OutboundRows.Read), cancellationToken);

    public Task<OutboundEmail?> FindOutboundByProviderIdAsync(string providerMessageId, CancellationToken cancellationToken = default) =>
        ReadAsync(
            session => session.Command(SelectOutboundByProviderId).Bind("$providerId", providerMessageId).QuerySingle(OutboundRows.Read),
            cancellationToken);

    public Task<Page<OutboundEmail>> ListOutboundAsync(string inboxId, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inboxId);
        ArgumentNullException.ThrowIfNull(page);
        return ReadAsync(
            session =>
            {
                var after = page.Cursor is null ? IdCeiling : Cursors.Decode(page.Cursor, OutboundCursor, inboxId);
                var items = session.Command(SelectOutboundPage)
                    .Bind("$inbox", inboxId).Bind("$after", after).Bind("$limit", page.EffectiveLimit + 1)
                    .QueryList(OutboundRows.Read);
                return ToPage(items, page.EffectiveLimit, last => Cursors.Encode(OutboundCursor, inboxId, last.Id));
            },
            cancellationToken);
    }

    public Task<bool> TryUpdateOutboundAsync(OutboundEmail updated, OutboundStatus expected, int? expectedAttempts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        return WriteAsync(
            session =>
            {
                if (BindOutbound(session.Command(UpdateOutboundIfStatus), updated).Bind("$expected", (int)expected).Bind("$expectedAttempts", expectedAttempts).ExecuteNonQuery() == 1)
                {
                    return true;
                }

                return session.Command(OutboundExists).Bind("$id", updated.Id).QueryInt64() is not null
                    ? false
                    : throw MailStoreException.NotFound("The outbound message");
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<OutboundEmail>> ListDueOutboundAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<OutboundEmail>>(
            session => session.Command(SelectDueOutbound).Bind("$now", now).Bind("$limit", Math.Max(0, limit)).QueryList(OutboundRows.Read),
            cancellationToken);

    private static SqliteCommand BindOutbound(SqliteCommand command, OutboundEmail outbound) =>
        command
            .Bind("$id", outbound.Id).Bind("$sentMessageId", outbound.SentMessageId).Bind("$messageIdHeader", outbound.MessageIdHeader)
            .Bind("$blobKey", outbound.BlobKey).Bind("$mailFrom", outbound.MailFrom).Bind("$status", (int)outbound.Status)
            .Bind("$providerId", outbound.ProviderMessageId).Bind("$attempts", outbound.Attempts)
            .Bind("$nextAttemptAt", outbound.NextAttemptAt).Bind("$updatedAt", outbound.UpdatedAt)
            .Bind("$recipients", StoreJson.Strings(outbound.Recipients)).Bind("$history", StoreJson.History(outbound.History));
}
