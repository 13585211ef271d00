using System.Globalization;
using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// SELECT and EXAMINE (RFC 3501 §6.3.1-2, RFC 7162 §3.1.8 for CONDSTORE and §3.2.5 for QRESYNC). The folder is read before its message list,
/// so a change that lands between the two is reported again after the command rather than lost. SELECT claims the
/// folder's \Recent messages for this session; EXAMINE is read-only and claims nothing. Under IMAP4rev2 (RFC 9051
/// §6.3.2) there is no \Recent to claim, no RECENT and no UNSEEN, and a LIST response names the mailbox instead.
/// </summary>
internal static class SelectHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var authenticated = (AuthenticatedState)state;
        var arguments = session.Arguments(command);
        if (!arguments.TryMailbox(out var mailbox))
        {
            session.Bad(command.Tag, arguments.MailboxError ?? command.Name + " takes a mailbox name");
            return state;
        }

        if (SelectParameters.TryParse(arguments, out var condStore, out var qresync) is { } error)
        {
            session.Bad(command.Tag, error);
            return state;
        }

        if (!arguments.End)
        {
            session.Bad(command.Tag, "Too many arguments");
            return state;
        }

        if (qresync is not null && !session.QResyncEnabled)
        {
            // RFC 7162 §3.2.5: QRESYNC parameters before ENABLE QRESYNC are BAD.
            session.Bad(command.Tag, "ENABLE QRESYNC first");
            return state;
        }

        // RFC 7162 §3.1.8: SELECT mailbox (CONDSTORE) or (QRESYNC …) enables CONDSTORE.
        session.CondStoreEnabled |= condStore || qresync is not null;

        // RFC 7162 §3.2.11: responses before [CLOSED] were about the mailbox that was open; after it, the new one.
        if (state is SelectedState)
        {
            session.Untagged("OK [CLOSED] Previous mailbox closed");
        }

        // RFC 3501 §6.3.1: a failed SELECT leaves no mailbox selected.
        var deselected = new AuthenticatedState(authenticated.Identity);
        if (await MailboxLookup.FindAsync(session, authenticated, command.Tag, mailbox).ConfigureAwait(false) is not { } found)
        {
            return deselected;
        }

        var readOnly = command.Name == "EXAMINE";
        var store = session.Services.Store;
        var folder = found.Folder;
        var messages = await FolderStates.ReadAsync(session, folder).ConfigureAwait(false);

        // Claiming \Recent is a write (and an fsync); when no listed message is at or past the folder's first recent
        // UID there is nothing to claim: that mark only grows, so a fresher one would not make any listed UID recent.
        // A rev2 session has no \Recent (RFC 9051 Appendix E) and leaves the messages recent for rev1 sessions.
        var claim = !readOnly && !session.Imap4Rev2Enabled && messages.Count > 0 && messages[^1].Uid >= folder.FirstRecentUid;
        var firstRecent = claim ? await store.ClaimRecentAsync(folder.Id, session.Cancellation).ConfigureAwait(false) : folder.FirstRecentUid;
        var recent = readOnly ? [] : messages.Where(m => m.Uid >= firstRecent).Select(m => m.Uid).ToHashSet();
        var selected = new SelectedMailbox(mailbox, found.Name.Inbox, folder, readOnly, messages, recent, folder.HighestModSeq);
        var keywords = messages.SelectMany(m => m.Keywords).Distinct(StringComparer.Ordinal).Take(100).ToList();
        var flags = FlagNames.System + string.Concat(keywords.Select(k => " " + k));
        var uidNext = Math.Max(folder.UidNext, selected.LargestUid + 1);
        var highest = Math.Max(folder.HighestModSeq, messages.Count == 0 ? 0 : messages.Max(m => m.ModSeq));
        session.Untagged($"FLAGS ({flags})");
        session.Untagged(readOnly ? "OK [PERMANENTFLAGS ()] Read-only mailbox" : $"OK [PERMANENTFLAGS ({flags} \\*)] Flags permitted");
        session.Untagged(string.Create(CultureInfo.InvariantCulture, $"{messages.Count} EXISTS"));
        if (!session.Imap4Rev2Enabled)
        {
            session.Untagged(string.Create(CultureInfo.InvariantCulture, $"{recent.Count} RECENT"));
            var firstUnseen = messages.FindIndex(m => (m.Flags & MessageFlags.Seen) == 0);
            if (firstUnseen >= 0)
            {
                session.Untagged(string.Create(CultureInfo.InvariantCulture, $"OK [UNSEEN {firstUnseen + 1}] First unseen"));
            }
        }

        session.Untagged(string.Create(CultureInfo.InvariantCulture, $"OK [UIDVALIDITY {folder.UidValidity}] UIDs valid"));
        session.Untagged(string.Create(CultureInfo.InvariantCulture, $"OK [UIDNEXT {uidNext}] Predicted next UID"));
        session.Untagged(string.Create(CultureInfo.InvariantCulture, $"OK [HIGHESTMODSEQ {highest}] Highest"));
        if (session.Imap4Rev2Enabled)
        {
            session.Untagged(SelectedListResponse.Line(session, authenticated.Identity.View.NameOf(found.Name.Inbox, folder.Name), folder));
        }
        if (qresync is not null && qresync.UidValidity == folder.UidValidity)
        {
            await QResync.ReportSinceAsync(session, selected, qresync).ConfigureAwait(false);
        }

        session.Ok(command.Tag, (readOnly ? "[READ-ONLY] " : "[READ-WRITE] ") + command.Name + " completed");
        return new SelectedState(authenticated.Identity, selected);
    }
}
