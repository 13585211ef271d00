using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// RFC 7162 §3.2: what a reconnecting client missed, from the store's change log (<see cref="IMessageStore.GetChangesAsync"/>):
/// "VANISHED (EARLIER) uids" for the messages expunged after its mod-sequence, and FETCH (UID FLAGS MODSEQ) for those
/// changed after it, both limited to the UIDs it says it knows.
/// </summary>
internal static class QResync
{
    /// <summary>SELECT/EXAMINE … (QRESYNC (uidvalidity modseq [known-uids])), after the usual SELECT responses.</summary>
    public static async Task ReportSinceAsync(ImapSession session, SelectedMailbox mailbox, QResyncParameters parameters)
    {
        var changes = await session.Services.Store.GetChangesAsync(mailbox.Folder.Id, parameters.ModSeq, session.Cancellation).ConfigureAwait(false);
        var largest = Largest(mailbox, changes);
        ReportVanishedEarlier(session, changes, parameters.KnownUids, largest);
        foreach (var changed in changes.Changed)
        {
            var index = mailbox.IndexOf(changed.Uid);
            if (index >= 0 && (parameters.KnownUids is null || parameters.KnownUids.Contains(changed.Uid, largest)))
            {
                session.Untagged(session.FlagsFetch(mailbox, index, uid: true));
            }
        }
    }

    /// <summary>UID FETCH set (CHANGEDSINCE n VANISHED) (RFC 7162 §3.2.6): the expunged UIDs of the set, before the FETCHes.</summary>
    public static async Task ReportVanishedAsync(ImapSession session, SelectedMailbox mailbox, SequenceSet uids, ulong changedSince)
    {
        var changes = await session.Services.Store.GetChangesAsync(mailbox.Folder.Id, changedSince, session.Cancellation).ConfigureAwait(false);
        ReportVanishedEarlier(session, changes, uids, Largest(mailbox, changes));
    }

    private static void ReportVanishedEarlier(ImapSession session, FolderChanges changes, SequenceSet? uids, uint largest)
    {
        var vanished = changes.Expunged.Where(u => uids is null || uids.Contains(u, largest)).Distinct().Order().ToList();
        if (vanished.Count > 0)
        {
            session.Untagged("VANISHED (EARLIER) " + SearchResponse.Compact(vanished));
        }
    }

    // '*' in a client's UID set: the highest UID the folder has handed out, expunged ones included.
    private static uint Largest(SelectedMailbox mailbox, FolderChanges changes) => Math.Max(mailbox.LargestUid, changes.Folder.UidNext - 1);
}
