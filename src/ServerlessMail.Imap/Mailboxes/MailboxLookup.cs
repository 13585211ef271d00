using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>Finds a client-named mailbox's folder in the session's view; answers NO [NONEXISTENT] (or TRYCREATE) itself.</summary>
internal static class MailboxLookup
{
    public static async Task<(MailboxName Name, Folder Folder)?> FindAsync(ImapSession session, AuthenticatedState state, string tag, string mailbox, string missingCode = "NONEXISTENT")
    {
        if (state.Identity.View.Resolve(mailbox) is not { } name)
        {
            session.No(tag, missingCode, "No such mailbox");
            return null;
        }

        var folder = await session.Services.Store.FindFolderAsync(name.Inbox.Id, name.FolderName, session.Cancellation).ConfigureAwait(false);
        if (folder is null)
        {
            session.No(tag, missingCode, "No such mailbox");
            return null;
        }

        return (name, folder);
    }

    /// <summary>RFC 5530 codes for the store's typed refusals.</summary>
    public static void Refuse(ImapSession session, string tag, MailStoreException exception)
    {
        var code = exception.Error switch
        {
            MailStoreError.NotFound => "NONEXISTENT",
            MailStoreError.Conflict => "ALREADYEXISTS",
            MailStoreError.OverQuota => "OVERQUOTA",
            MailStoreError.NotAllowed => "CANNOT",
            MailStoreError.InvalidArgument or MailStoreError.ValueTooLarge => "CANNOT",
            MailStoreError.Unavailable => "UNAVAILABLE",
            _ => "SERVERBUG",
        };
        if (exception.Error is MailStoreError.Unavailable)
        {
            ImapLog.StorageFault(session.Logger, session.Id, exception);
        }

        session.No(tag, code, exception.Message);
    }
}
