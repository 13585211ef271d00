using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// RFC 9051 §6.3.2: under IMAP4rev2 SELECT and EXAMINE answer an untagged LIST for the mailbox, so the client learns
/// its canonical name ("inbox" is INBOX), its separator and its attributes without a LIST of its own. The attributes
/// given are the special-use one, which needs no further read; those left out are not claimed either way, so the
/// list stays accurate. No OLDNAME: names are not normalized (<see cref="MailboxNames"/>), so none changed.
/// </summary>
internal static class SelectedListResponse
{
    public static string Line(ImapSession session, string name, Folder folder) =>
        ListHandler.Line(session, "LIST", ListMatcher.SpecialUseAttribute(folder.SpecialUse) is { } use ? [use] : [], name, childInfo: false);
}
