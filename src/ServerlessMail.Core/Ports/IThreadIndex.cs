namespace ServerlessMail.Core;

/// <summary>
/// Lookups for threading: which thread a Message-ID belongs to, and the latest thread for a normalised subject.
/// Entries are written by <see cref="RecordThreadAsync"/> when a message is stored.
/// </summary>
public interface IThreadIndex
{
    /// <summary>The thread of the first of <paramref name="messageIdHeaders"/> that the account has seen, or null.</summary>
    Task<string?> FindThreadByMessageIdsAsync(string accountId, IReadOnlyList<string> messageIdHeaders, CancellationToken cancellationToken = default);

    /// <summary>The thread of the latest message with this subject key dated at or after <paramref name="notBefore"/>, or null.</summary>
    Task<string?> FindThreadBySubjectAsync(string accountId, string subjectKey, DateTimeOffset notBefore, CancellationToken cancellationToken = default);

    Task RecordThreadAsync(string accountId, string? messageIdHeader, string? subjectKey, string threadId, DateTimeOffset messageDate, CancellationToken cancellationToken = default);
}
