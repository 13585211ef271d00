using System.Globalization;
using ServerlessMail.Core;

namespace ServerlessMail.Imap;

internal sealed partial class ImapSession
{
    /// <summary>
    /// RFC 3501 §7: tells the client what changed in the selected mailbox since the session last looked (other sessions,
    /// SMTP delivery, the REST API): EXPUNGE for removed messages, in descending order so each number is still right
    /// when it is read, then EXISTS for new ones, then FETCH FLAGS for changed flags. Where EXPUNGE is not allowed
    /// (during FETCH, STORE, SEARCH) the expunged messages stay in the session's map and the changes are read again
    /// after a later command.
    /// </summary>
    public async Task ReportChangesAsync(SelectedState state, bool allowExpunge)
    {
        var mailbox = state.Mailbox;
        FolderChanges changes;
        try
        {
            changes = await Services.Store.GetChangesAsync(mailbox.Folder.Id, mailbox.KnownModSeq, _cancellation).ConfigureAwait(false);
        }
        catch (MailStoreException exception)
        {
            ImapLog.StorageFault(Logger, Id, exception);
            return;
        }

        var pendingExpunge = false;
        var expunged = new HashSet<uint>(changes.Expunged);
        if (expunged.Count > 0)
        {
            for (var index = mailbox.Messages.Count - 1; index >= 0; index--)
            {
                if (!expunged.Contains(mailbox.Messages[index].Uid))
                {
                    continue;
                }

                if (!allowExpunge)
                {
                    pendingExpunge = true;
                    continue;
                }

                var uid = mailbox.Messages[index].Uid;
                mailbox.Recent.Remove(uid);
                mailbox.Messages.RemoveAt(index);
                ReportExpunge(index, uid);
            }

            FlushVanished();
        }

        var added = false;
        foreach (var changed in changes.Changed.OrderBy(c => c.Uid))
        {
            if (expunged.Contains(changed.Uid))
            {
                continue;
            }

            var index = mailbox.IndexOf(changed.Uid);
            if (index < 0)
            {
                if (changed.Uid > mailbox.LargestUid)
                {
                    mailbox.Messages.Add(changed);
                    if (changed.Uid >= mailbox.Folder.FirstRecentUid && !mailbox.ReadOnly)
                    {
                        mailbox.Recent.Add(changed.Uid);
                    }

                    added = true;
                }

                continue;
            }

            var known = mailbox.Messages[index];
            mailbox.Replace(index, changed);
            if (known.Flags != changed.Flags || !known.Keywords.SequenceEqual(changed.Keywords))
            {
                Untagged(FlagsFetch(mailbox, index, uid: false));
            }
        }

        if (added)
        {
            Untagged(mailbox.Messages.Count.ToString(CultureInfo.InvariantCulture) + " EXISTS");

            // RFC 9051 removed the RECENT response along with \Recent.
            if (!Imap4Rev2Enabled)
            {
                Untagged(mailbox.Recent.Count.ToString(CultureInfo.InvariantCulture) + " RECENT");
            }
        }

        if (!pendingExpunge)
        {
            mailbox.KnownModSeq = Math.Max(mailbox.KnownModSeq, changes.Folder.HighestModSeq);
        }
    }

    /// <summary>
    /// "n FETCH (FLAGS (…) [UID u] [MODSEQ (m)])" for one message of the map. Once CONDSTORE is enabled every such
    /// untagged FETCH carries UID and MODSEQ (RFC 7162 §3.1).
    /// </summary>
    public string FlagsFetch(SelectedMailbox mailbox, int index, bool uid)
    {
        var message = mailbox.Messages[index];
        var text = string.Create(CultureInfo.InvariantCulture, $"{index + 1} FETCH (FLAGS {FlagNames.Format(message.Flags, message.Keywords, ShowsRecent(mailbox, message.Uid))}");
        if (uid || CondStoreEnabled)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" UID {message.Uid}");
        }

        if (CondStoreEnabled)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" MODSEQ ({message.ModSeq})");
        }

        return text + ")";
    }
}
