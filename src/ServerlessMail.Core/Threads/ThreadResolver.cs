using System.Security.Cryptography;
using System.Text;

namespace ServerlessMail.Core;

/// <summary>
/// Puts a message in a thread: the thread of a message it references (References, then In-Reply-To), else the latest
/// thread with the same normalised subject within <see cref="SubjectWindow"/>, else a new thread.
/// </summary>
public sealed class ThreadResolver(IThreadIndex index, TimeProvider clock)
{
    /// <summary>How far back a subject match may reach; an old subject reused later starts a new thread.</summary>
    public static readonly TimeSpan SubjectWindow = TimeSpan.FromDays(7);

    public async Task<string> ResolveAsync(string accountId, MessageSummary summary, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var referenced = summary.References.Concat(summary.InReplyTo).Distinct(StringComparer.Ordinal).ToList();
        string? thread = null;
        if (referenced.Count > 0)
        {
            thread = await index.FindThreadByMessageIdsAsync(accountId, referenced, cancellationToken).ConfigureAwait(false);
        }

        var subjectKey = SubjectKey.For(summary.Subject);
        if (thread is null && subjectKey is not null)
        {
            thread = await index.FindThreadBySubjectAsync(accountId, subjectKey, receivedAt - SubjectWindow, cancellationToken).ConfigureAwait(false);
        }

        // A message seen again (the same Message-ID delivered to a second inbox) keeps its thread.
        if (thread is null && summary.MessageIdHeader is { } own)
        {
            thread = await index.FindThreadByMessageIdsAsync(accountId, [own], cancellationToken).ConfigureAwait(false);
        }

        // A new thread is named after its root's Message-ID: a reply that arrived first derived the same id from its
        // references, so the parent joins it even when the subjects differ.
        var root = referenced.Count > 0 ? referenced[0] : summary.MessageIdHeader;
        thread ??= root is not null ? ThreadIdFor(accountId, root) : Ids.New("thr", clock);
        await index.RecordThreadAsync(accountId, summary.MessageIdHeader, subjectKey, thread, receivedAt, cancellationToken).ConfigureAwait(false);
        return thread;
    }

    /// <summary>
    /// A reply whose parent we never saw gets a thread id derived from the thread's root id, so its siblings, arriving
    /// in any order or concurrently, land in the same thread, and so does the root when it arrives last.
    /// </summary>
    private static string ThreadIdFor(string accountId, string rootMessageId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(accountId + "\n" + rootMessageId));
        return "thr_" + Convert.ToHexStringLower(hash)[..26];
    }
}
