using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// The selected mailbox as this session knows it: the message sequence numbers are positions in
/// <see cref="Messages"/> (UID order, RFC 3501 §2.3.1.2), which change only when this session reports EXISTS or
/// EXPUNGE to its client. <see cref="KnownModSeq"/> is how far the session has read the folder's changes.
/// </summary>
internal sealed class SelectedMailbox(string name, Inbox inbox, Folder folder, bool readOnly, List<MessageState> messages, HashSet<uint> recent, ulong knownModSeq)
{
    public string Name { get; } = name;

    public Inbox Inbox { get; } = inbox;

    public Folder Folder { get; } = folder;

    public bool ReadOnly { get; } = readOnly;

    public List<MessageState> Messages { get; } = messages;

    public HashSet<uint> Recent { get; } = recent;

    public ulong KnownModSeq { get; set; } = knownModSeq;

    public uint LargestUid => Messages.Count == 0 ? 0 : Messages[^1].Uid;

    /// <summary>
    /// RFC 5182 §2.1 search result variable: the UIDs (ascending) the last SEARCH RETURN (SAVE) kept. A new
    /// SelectedMailbox starts empty, which is the reset SELECT, EXAMINE, CLOSE and UNSELECT need. UIDs rather than
    /// sequence numbers, so an expunge leaves the rest right; an expunged UID simply no longer binds.
    /// </summary>
    public IReadOnlyList<uint> SearchResult { get; set; } = [];

    /// <summary>The 0-based index of the UID, or -1.</summary>
    public int IndexOf(uint uid)
    {
        int low = 0, high = Messages.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var at = Messages[mid].Uid;
            if (at == uid)
            {
                return mid;
            }

            if (at < uid)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>
    /// "$" as the concrete set it stands for now: the saved UIDs for a UID command, or their current sequence numbers
    /// for the others (RFC 5182 §2.1: "$" names messages, whichever form saved it). Any other set is returned as is.
    /// </summary>
    public SequenceSet Bind(SequenceSet set, bool uid)
    {
        if (!set.IsSearchResult)
        {
            return set;
        }

        var numbers = new List<uint>(SearchResult.Count);
        foreach (var saved in SearchResult)
        {
            var index = IndexOf(saved);
            if (index >= 0)
            {
                numbers.Add(uid ? saved : (uint)index + 1);
            }
        }

        return SequenceSet.Of(numbers);
    }

    /// <summary>The messages a sequence set names, as 0-based indexes in ascending order (RFC 3501 §6.4.8 for the UID form).</summary>
    public List<int> Resolve(SequenceSet set, bool uid)
    {
        set = Bind(set, uid);
        var result = new List<int>();
        if (Messages.Count == 0)
        {
            return result;
        }

        if (!uid)
        {
            foreach (var (first, last) in set.Ranges((uint)Messages.Count))
            {
                for (var seq = first; seq <= last && result.Count < Messages.Count; seq++)
                {
                    result.Add((int)seq - 1);
                }
            }

            return result;
        }

        // UID ranges: "n:*" with n past the largest UID still names the largest (RFC 3501 §6.4.8).
        var largest = LargestUid;
        for (var i = 0; i < Messages.Count; i++)
        {
            if (set.Contains(Messages[i].Uid, largest))
            {
                result.Add(i);
            }
        }

        return result;
    }

    public void Replace(int index, MessageState state) => Messages[index] = state;
}
