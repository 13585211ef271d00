using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// SELECT's (and STATUS's) message states per folder, kept while the folder does not change, as Dovecot keeps its
/// index: a second SELECT of a large unchanged folder copies a list instead of reading every row. An entry is valid only for the
/// folder version it was listed at (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, count): every append, flag change, expunge
/// and move bumps HIGHESTMODSEQ (RFC 7162 §3.1.2, which CONDSTORE already relies on), so a changed folder misses.
/// The states are stored under the version read before listing them; a change in between moves the folder past that
/// version for good, so such an entry is never hit. Bounded by the number of states held.
/// </summary>
internal sealed class FolderStateCache
{
    /// <summary>About 130 bytes a state: some 35 MB at most.</summary>
    public const int MaxStates = 262_144;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _order = new();
    private int _held;

    /// <summary>A copy of the states listed at exactly this folder version, or null.</summary>
    public List<MessageState>? Find(Folder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        lock (_lock)
        {
            return _entries.TryGetValue(folder.Id, out var entry) && entry.Version == Version.Of(folder) ? [.. entry.States] : null;
        }
    }

    /// <summary>Keeps <paramref name="states"/> (ascending by UID) as the folder's at the version read before listing them.</summary>
    public void Add(Folder folder, IReadOnlyList<MessageState> states)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count > MaxStates)
        {
            return;
        }

        var copy = states.ToArray();
        lock (_lock)
        {
            Remove(folder.Id);
            while (_held + copy.Length > MaxStates && _order.First is { } oldest)
            {
                Remove(oldest.Value);
            }

            _entries[folder.Id] = new Entry(Version.Of(folder), copy, _order.AddLast(folder.Id));
            _held += copy.Length;
        }
    }

    private void Remove(string folderId)
    {
        if (_entries.Remove(folderId, out var entry))
        {
            _order.Remove(entry.Node);
            _held -= entry.States.Length;
        }
    }

    private readonly record struct Version(uint UidValidity, uint UidNext, ulong HighestModSeq, int Total)
    {
        public static Version Of(Folder folder) => new(folder.UidValidity, folder.UidNext, folder.HighestModSeq, folder.Total);
    }

    private sealed record Entry(Version Version, MessageState[] States, LinkedListNode<string> Node);
}
