using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// EXPUNGE (RFC 3501 §6.4.3) and UID EXPUNGE (RFC 4315 §2.1): removes \Deleted messages, answering EXPUNGE in
/// descending order. Needs the token's <c>delete</c> permission (NO [NOPERM]).
/// </summary>
internal static class ExpungeHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var selected = (SelectedState)state;
        var arguments = new ArgumentReader(command.Arguments);
        SequenceSet? uids = null;
        if (command.Name == "UID EXPUNGE" ? !arguments.TrySequenceSet(out uids!) || !arguments.End : !arguments.End)
        {
            session.Bad(command.Tag, "Bad arguments");
            return state;
        }

        if (selected.Mailbox.ReadOnly)
        {
            session.No(command.Tag, "READ-ONLY", "Mailbox is read-only");
            return state;
        }

        if (!selected.Identity.Principal.Has(TokenPermissions.Delete))
        {
            session.No(command.Tag, "NOPERM", "This token may not delete");
            return state;
        }

        // Flags set by other sessions count too: read the changes first (EXPUNGE may report them).
        await session.ReportChangesAsync(selected, allowExpunge: true).ConfigureAwait(false);
        var mailbox = selected.Mailbox;
        uids = uids is null ? null : mailbox.Bind(uids, uid: true);
        var deleted = mailbox.Messages
            .Where(m => (m.Flags & MessageFlags.Deleted) != 0 && (uids is null || uids.Contains(m.Uid, mailbox.LargestUid)))
            .Select(m => m.MessageId).ToList();
        try
        {
            await RemoveAsync(session, mailbox, deleted).ConfigureAwait(false);
        }
        catch (MailStoreException exception)
        {
            MailboxLookup.Refuse(session, command.Tag, exception);
            return state;
        }

        session.Ok(command.Tag, command.Name + " completed");
        return state;
    }

    /// <summary>Expunges the messages in the store, deletes the blobs nothing needs, and reports EXPUNGE for each (descending).</summary>
    public static async Task RemoveAsync(ImapSession session, SelectedMailbox mailbox, IReadOnlyCollection<string> messageIds, bool report = true)
    {
        if (messageIds.Count == 0)
        {
            return;
        }

        var unused = await session.Services.Store.ExpungeAsync(messageIds, session.Cancellation).ConfigureAwait(false);
        foreach (var key in unused)
        {
            await session.Services.Blobs.DeleteAsync(key, session.Cancellation).ConfigureAwait(false);
        }

        Forget(session, mailbox, messageIds.ToHashSet(StringComparer.Ordinal), report);
        session.Services.Notifier.Publish(mailbox.Inbox.Id);
    }

    /// <summary>Drops messages this session removed (expunged or moved) from its map, reporting EXPUNGE from the highest number down.</summary>
    public static void Forget(ImapSession session, SelectedMailbox mailbox, HashSet<string> messageIds, bool report)
    {
        for (var index = mailbox.Messages.Count - 1; index >= 0; index--)
        {
            if (messageIds.Contains(mailbox.Messages[index].MessageId))
            {
                var uid = mailbox.Messages[index].Uid;
                mailbox.Recent.Remove(uid);
                mailbox.Messages.RemoveAt(index);
                if (report)
                {
                    session.ReportExpunge(index, uid);
                }
            }
        }

        session.FlushVanished();
    }
}
