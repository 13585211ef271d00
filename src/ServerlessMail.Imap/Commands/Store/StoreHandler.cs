using System.Globalization;
using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// STORE and UID STORE (RFC 3501 §6.4.6): flag changes in the store, one message at a time, answered with the new
/// FLAGS unless .SILENT. With UNCHANGEDSINCE (RFC 7162 §3.1.3), messages changed since are left as they are and
/// listed in [MODIFIED …].
/// </summary>
internal static class StoreHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var selected = (SelectedState)state;
        var uid = command.Name == "UID STORE";
        if (!StoreParser.TryParse(command.Arguments, out var request))
        {
            session.Bad(command.Tag, "STORE takes a set, FLAGS, +FLAGS or -FLAGS (.SILENT) and flags");
            return state;
        }

        var mailbox = selected.Mailbox;
        if (mailbox.ReadOnly)
        {
            session.No(command.Tag, "READ-ONLY", "Mailbox is read-only");
            return state;
        }

        if (request!.UnchangedSince is not null)
        {
            session.CondStoreEnabled = true;
        }

        var modified = new List<uint>();
        foreach (var index in mailbox.Resolve(request.Set, uid))
        {
            var message = mailbox.Messages[index];
            StoredMessage updated;
            try
            {
                updated = await session.Services.Store.UpdateFlagsAsync(message.MessageId, request.Change, request.UnchangedSince, session.Cancellation).ConfigureAwait(false);
            }
            catch (MailStoreException exception) when (exception.Error == MailStoreError.Conflict)
            {
                modified.Add(uid ? message.Uid : (uint)index + 1);
                continue;
            }
            catch (MailStoreException exception) when (exception.Error == MailStoreError.NotFound)
            {
                // Expunged by another session meanwhile; its EXPUNGE comes after the command.
                continue;
            }

            mailbox.Replace(index, new MessageState(message.Uid, message.MessageId, updated.Flags, updated.Keywords, updated.ModSeq));
            if (!request.Silent || request.UnchangedSince is not null)
            {
                session.Untagged(session.FlagsFetch(mailbox, index, uid));
            }
        }

        session.Services.Notifier.Publish(mailbox.Inbox.Id);
        var code = modified.Count > 0 ? "[MODIFIED " + string.Join(',', modified.Select(m => m.ToString(CultureInfo.InvariantCulture))) + "] " : string.Empty;
        session.Ok(command.Tag, code + command.Name + " completed");
        return state;
    }
}
