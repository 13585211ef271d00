using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>One mailbox as the session names it: the inbox, and the folder's own name in that inbox.</summary>
internal readonly record struct MailboxName(Inbox Inbox, string FolderName);

/// <summary>
/// Which inboxes a session sees, and how their folders are named. An inbox login sees one inbox's folders under their
/// own names ("INBOX", "Sent", "Projects/2026"); an account login sees every inbox of the account as a top-level
/// hierarchy named by its address ("agent@example.test/INBOX"). The hierarchy separator is "/" in both.
/// </summary>
internal sealed class MailboxView(IReadOnlyList<Inbox> inboxes, bool accountView)
{
    public const char Separator = Folder.Separator;

    public IReadOnlyList<Inbox> Inboxes { get; } = inboxes;

    public bool IsAccountView { get; } = accountView;

    /// <summary>The inbox and folder a client's mailbox name means; null for a name outside every inbox (or an account-view top level).</summary>
    public MailboxName? Resolve(string mailbox)
    {
        mailbox = mailbox.TrimEnd(Separator);
        if (!IsAccountView)
        {
            return mailbox.Length == 0 ? null : new MailboxName(Inboxes[0], Canonical(mailbox));
        }

        var slash = mailbox.IndexOf(Separator, StringComparison.Ordinal);
        if (slash <= 0 || slash == mailbox.Length - 1)
        {
            return null;
        }

        var address = mailbox[..slash];
        var inbox = Inboxes.FirstOrDefault(i => string.Equals(i.Address, address, StringComparison.OrdinalIgnoreCase));
        return inbox is null ? null : new MailboxName(inbox, Canonical(mailbox[(slash + 1)..]));
    }

    /// <summary>True for an account view's top-level name (an inbox address): a \Noselect container.</summary>
    public bool IsInboxContainer(string mailbox) =>
        IsAccountView && Inboxes.Any(i => string.Equals(i.Address, mailbox.TrimEnd(Separator), StringComparison.OrdinalIgnoreCase));

    public string NameOf(Inbox inbox, string folderName) => IsAccountView ? inbox.Address + Separator + folderName : folderName;

    /// <summary>Every mailbox the session sees (and, in an account view, the inbox containers), by name.</summary>
    public async Task<List<(string Name, Folder? Folder)>> ListAsync(IFolderStore store, CancellationToken cancellationToken)
    {
        var result = new List<(string, Folder?)>();
        foreach (var inbox in Inboxes)
        {
            if (IsAccountView)
            {
                result.Add((inbox.Address, null));
            }

            foreach (var folder in await store.ListFoldersAsync(inbox.Id, cancellationToken).ConfigureAwait(false))
            {
                result.Add((NameOf(inbox, folder.Name), folder));
            }
        }

        return result;
    }

    // RFC 3501 §5.1: INBOX is case-insensitive.
    private static string Canonical(string folder) => string.Equals(folder, Folder.InboxName, StringComparison.OrdinalIgnoreCase) ? Folder.InboxName : folder;
}
