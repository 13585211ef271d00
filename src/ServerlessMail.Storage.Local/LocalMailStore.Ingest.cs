using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Rows;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    private const string SelectAccepted = $"SELECT {AcceptedRows.Columns} FROM accepted WHERE id = $id";
    private const string AcceptedExists = "SELECT 1 FROM accepted WHERE id = $id";

    // "state = 0" (Accepted) matches the partial index accepted_due.
    private const string SelectDueAccepted = $"""
        SELECT {AcceptedRows.Columns} FROM accepted
        WHERE state = 0 AND next_attempt_at <= $now
        ORDER BY next_attempt_at, id LIMIT $limit
        """;

    private const string InsertAccepted = """
        INSERT INTO accepted (id, blob_key, size, accepted_at, state, attempts, next_attempt_at, last_error, envelope)
        VALUES ($id, $blobKey, $size, $acceptedAt, $state, $attempts, $nextAttemptAt, $lastError, $envelope)
        """;

    private const string UpdateAcceptedSql = """
        UPDATE accepted SET blob_key = $blobKey, size = $size, state = $state, attempts = $attempts,
                            next_attempt_at = $nextAttemptAt, last_error = $lastError, envelope = $envelope
        WHERE id = $id
        """;

    public Task AddAcceptedAsync(AcceptedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var envelope = StoreJson.Envelope(message.Envelope);
        return WriteAsync(
            session =>
            {
                if (session.Command(AcceptedExists).Bind("$id", message.Id).QueryInt64() is not null)
                {
                    throw MailStoreException.Conflict($"The accepted message {message.Id} already exists.");
                }

                BindAccepted(session.Command(InsertAccepted), message, envelope).Bind("$acceptedAt", message.AcceptedAt).ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task<AcceptedMessage?> GetAcceptedAsync(string acceptedId, CancellationToken cancellationToken = default) =>
        ReadAsync(session => session.Command(SelectAccepted).Bind("$id", acceptedId).QuerySingle(AcceptedRows.Read), cancellationToken);

    public Task<IReadOnlyList<AcceptedMessage>> ListDueAcceptedAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<AcceptedMessage>>(
            session => session.Command(SelectDueAccepted).Bind("$now", now).Bind("$limit", Math.Max(0, limit)).QueryList(AcceptedRows.Read),
            cancellationToken);

    public Task UpdateAcceptedAsync(AcceptedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var envelope = StoreJson.Envelope(message.Envelope);
        return WriteAsync(
            session =>
            {
                if (BindAccepted(session.Command(UpdateAcceptedSql), message, envelope).ExecuteNonQuery() == 0)
                {
                    throw MailStoreException.NotFound("The accepted message");
                }
            },
            cancellationToken);
    }

    private static Microsoft.Data.Sqlite.SqliteCommand BindAccepted(Microsoft.Data.Sqlite.SqliteCommand command, AcceptedMessage message, string envelope) =>
        command
            .Bind("$id", message.Id).Bind("$blobKey", message.BlobKey).Bind("$size", message.Size).Bind("$state", (int)message.State)
            .Bind("$attempts", message.Attempts).Bind("$nextAttemptAt", message.NextAttemptAt).Bind("$lastError", message.LastError)
            .Bind("$envelope", envelope);
}
