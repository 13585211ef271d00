using System.Globalization;
using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// COPY, MOVE and their UID forms (RFC 3501 §6.4.7, RFC 6851, RFC 4315 COPYUID) within the selected mailbox's inbox. A
/// missing target gets NO [TRYCREATE]. Moving to Trash, the first step of deleting, needs the token's <c>delete</c>.
/// </summary>
internal static class CopyHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var selected = (SelectedState)state;
        var uid = command.Name.StartsWith("UID ", StringComparison.Ordinal);
        var move = command.Name.EndsWith("MOVE", StringComparison.Ordinal);
        var arguments = session.Arguments(command);
        if (!arguments.TrySequenceSet(out var set) || !arguments.TryMailbox(out var target) || !arguments.End)
        {
            session.Bad(command.Tag, arguments.MailboxError ?? "Takes a set and a mailbox");
            return state;
        }

        var mailbox = selected.Mailbox;
        if (await MailboxLookup.FindAsync(session, selected, command.Tag, target, "TRYCREATE").ConfigureAwait(false) is not { } found)
        {
            return state;
        }

        if (found.Name.Inbox.Id != mailbox.Inbox.Id)
        {
            session.No(command.Tag, "CANNOT", "Messages are copied within their inbox");
            return state;
        }

        if (move && (mailbox.ReadOnly || (found.Folder.SpecialUse == SpecialUse.Trash && !selected.Identity.Principal.Has(TokenPermissions.Delete))))
        {
            session.No(command.Tag, mailbox.ReadOnly ? "READ-ONLY" : "NOPERM", mailbox.ReadOnly ? "Mailbox is read-only" : "This token may not delete");
            return state;
        }

        var sources = new List<uint>();
        var targets = new List<uint>();
        var moved = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var index in mailbox.Resolve(set, uid))
            {
                var message = mailbox.Messages[index];
                var copy = move
                    ? await session.Services.Store.MoveAsync(message.MessageId, found.Folder.Id, session.Cancellation).ConfigureAwait(false)
                    : await session.Services.Store.CopyAsync(message.MessageId, found.Folder.Id, session.Cancellation).ConfigureAwait(false);
                sources.Add(message.Uid);
                targets.Add(copy.Uid);
                moved.Add(message.MessageId);
            }
        }
        catch (MailStoreException exception)
        {
            MailboxLookup.Refuse(session, command.Tag, exception);
            return state;
        }

        session.Services.Notifier.Publish(mailbox.Inbox.Id);
        var copyUid = sources.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"[COPYUID {found.Folder.UidValidity} {UidList(sources)} {UidList(targets)}] ");
        if (move)
        {
            // RFC 6851 §4.3: COPYUID goes in an untagged OK before the EXPUNGEs.
            if (copyUid.Length > 0)
            {
                session.Untagged("OK " + copyUid + "Moved");
            }

            ExpungeHandler.Forget(session, mailbox, moved, report: true);
            session.Ok(command.Tag, command.Name + " completed");
        }
        else
        {
            session.Ok(command.Tag, copyUid + command.Name + " completed");
        }

        return state;
    }

    public static string UidList(IEnumerable<uint> uids) => string.Join(',', uids.Select(u => u.ToString(CultureInfo.InvariantCulture)));
}
