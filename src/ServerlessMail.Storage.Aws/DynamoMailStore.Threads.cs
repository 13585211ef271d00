using ServerlessMail.Storage.Aws.Dynamo;

namespace ServerlessMail.Storage.Aws;

public sealed partial class DynamoMailStore
{
    /// <summary>One strongly consistent BatchGetItem of the Message-ID entries; the first in the caller's order wins.</summary>
    public async Task<string?> FindThreadByMessageIdsAsync(string accountId, IReadOnlyList<string> messageIdHeaders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIdHeaders);
        if (!IsUsableKey(accountId) || messageIdHeaders.Count == 0)
        {
            return null;
        }

        var keys = messageIdHeaders.Select(h => (Pk: Keys.ThreadByMessageId(accountId, h), Sk: Keys.ThreadSk)).ToList();
        var found = await _table.BatchGetAsync(keys, cancellationToken).ConfigureAwait(false);
        foreach (var (pk, sk) in keys)
        {
            if (found.TryGetValue(DynamoTable.KeyOf(pk, sk), out var item))
            {
                return item.Str(Attr.ThreadId);
            }
        }

        return null;
    }

    /// <summary>One item per subject key keeps the latest message's thread and date; older dates never replace it.</summary>
    public async Task<string?> FindThreadBySubjectAsync(string accountId, string subjectKey, DateTimeOffset notBefore, CancellationToken cancellationToken = default)
    {
        if (!IsUsableKey(accountId) || !IsUsableKey(subjectKey))
        {
            return null;
        }

        var item = await _table.GetAsync(Keys.ThreadBySubject(accountId, subjectKey), Keys.ThreadSk, cancellationToken).ConfigureAwait(false);
        return item is not null && item.Date(Attr.Date) >= notBefore ? item.Str(Attr.ThreadId) : null;
    }

    /// <summary>
    /// A Message-ID keeps the first thread recorded for it (a conditional put); a subject key moves to the thread of
    /// the newest message (a put conditional on the stored date being older).
    /// </summary>
    public async Task RecordThreadAsync(string accountId, string? messageIdHeader, string? subjectKey, string threadId, DateTimeOffset messageDate, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(threadId);
        if (messageIdHeader is not null)
        {
            var entry = Av.Key(Keys.ThreadByMessageId(accountId, messageIdHeader), Keys.ThreadSk);
            entry[Attr.ThreadId] = Av.S(threadId);
            await _table.TryPutAsync(entry, NotExists, cancellationToken).ConfigureAwait(false);
        }

        if (subjectKey is not null)
        {
            var entry = Av.Key(Keys.ThreadBySubject(accountId, subjectKey), Keys.ThreadSk);
            entry[Attr.ThreadId] = Av.S(threadId);
            entry[Attr.Date] = Av.Date(messageDate);
            await _table.TryPutAsync(entry, $"{NotExists} OR {Attr.Date} <= :dt", cancellationToken, new() { [":dt"] = Av.Date(messageDate) }).ConfigureAwait(false);
        }
    }
}
