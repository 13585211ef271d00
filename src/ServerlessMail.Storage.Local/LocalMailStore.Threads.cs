using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Sqlite;

namespace ServerlessMail.Storage.Local;

public sealed partial class LocalMailStore
{
    // json_each keeps this one prepared statement for any number of ids; the ordinal says which the caller named first.
    private const string SelectThreadByMessageIds = """
        SELECT t.thread_id FROM json_each($ids) AS j
        JOIN thread_message_ids AS t ON t.account_id = $account AND t.message_id = j.value
        ORDER BY j.key LIMIT 1
        """;

    private const string SelectThreadBySubject = """
        SELECT thread_id FROM thread_subjects
        WHERE account_id = $account AND subject_key = $key AND latest_at >= $notBefore
        ORDER BY latest_at DESC, thread_id LIMIT 1
        """;

    // A Message-ID keeps the first thread it was recorded in; a subject remembers each thread's latest message.
    private const string RecordMessageId = """
        INSERT INTO thread_message_ids (account_id, message_id, thread_id) VALUES ($account, $messageId, $thread)
        ON CONFLICT DO NOTHING
        """;

    private const string RecordSubject = """
        INSERT INTO thread_subjects (account_id, subject_key, thread_id, latest_at) VALUES ($account, $key, $thread, $at)
        ON CONFLICT DO UPDATE SET latest_at = max(latest_at, excluded.latest_at)
        """;

    public Task<string?> FindThreadByMessageIdsAsync(string accountId, IReadOnlyList<string> messageIdHeaders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIdHeaders);
        if (messageIdHeaders.Count == 0)
        {
            return Task.FromResult<string?>(null);
        }

        var ids = Rows.StoreJson.Strings(messageIdHeaders);
        return ReadAsync(
            session => session.Command(SelectThreadByMessageIds).Bind("$account", accountId).Bind("$ids", ids).QueryString(),
            cancellationToken);
    }

    public Task<string?> FindThreadBySubjectAsync(string accountId, string subjectKey, DateTimeOffset notBefore, CancellationToken cancellationToken = default) =>
        ReadAsync(
            session => session.Command(SelectThreadBySubject)
                .Bind("$account", accountId).Bind("$key", subjectKey).Bind("$notBefore", notBefore)
                .QueryString(),
            cancellationToken);

    public Task RecordThreadAsync(string accountId, string? messageIdHeader, string? subjectKey, string threadId, DateTimeOffset messageDate, CancellationToken cancellationToken = default)
    {
        if (messageIdHeader is null && subjectKey is null)
        {
            return Task.CompletedTask;
        }

        return WriteAsync(
            session =>
            {
                if (messageIdHeader is not null)
                {
                    session.Command(RecordMessageId).Bind("$account", accountId).Bind("$messageId", messageIdHeader).Bind("$thread", threadId).ExecuteNonQuery();
                }

                if (subjectKey is not null)
                {
                    session.Command(RecordSubject).Bind("$account", accountId).Bind("$key", subjectKey).Bind("$thread", threadId).Bind("$at", messageDate).ExecuteNonQuery();
                }
            },
            cancellationToken);
    }
}
