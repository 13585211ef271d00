using System.Globalization;
using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// APPEND (RFC 3501 §6.3.11, RFC 4315 APPENDUID). The literal is streamed from the input buffer to
/// <see cref="MessageAppendService"/>; the framer has already refused one over APPENDLIMIT. A literal8 (RFC 3516 §4.4:
/// binary content, NUL included) is stored exactly as sent: the store keeps octets, so no CTE needs changing and
/// UNKNOWN-CTE never applies. Appending needs the
/// token's <c>send</c> permission, except to Drafts (a client saving a draft may not be allowed to send).
/// </summary>
internal static class AppendHandler
{
    public static async ValueTask<ImapState> HandleAsync(ImapSession session, ImapState state, ImapCommand command)
    {
        var authenticated = (AuthenticatedState)state;
        if (!AppendParser.TryParse(command.Arguments, out var request, session.Imap4Rev2Enabled))
        {
            session.Bad(command.Tag, "APPEND takes a mailbox, optional flags and date, and a literal");
            return state;
        }

        if (await MailboxLookup.FindAsync(session, authenticated, command.Tag, request!.Mailbox, "TRYCREATE").ConfigureAwait(false) is not { } found)
        {
            return state;
        }

        if (found.Folder.SpecialUse != SpecialUse.Drafts && !authenticated.Identity.Principal.Has(TokenPermissions.Send))
        {
            session.No(command.Tag, "NOPERM", "This token may only append to Drafts");
            return state;
        }

        if (request.Message.Bytes.Length > session.Options.AppendLimit)
        {
            session.No(command.Tag, "TOOBIG", "Message too big");
            return state;
        }

        StoredMessage stored;
        var bytes = request.Message.IsLiteral ? request.Message.Bytes : new System.Buffers.ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(request.Message.Text));
        await using (var content = new SequenceStream(bytes))
        {
            try
            {
                stored = await session.Services.Appends.AppendAsync(
                    new AppendRequest(found.Name.Inbox, found.Folder, request.Flags, request.Keywords, request.InternalDate, authenticated.Identity.Principal.TokenId, session.Connection.RemoteAddress.ToString()),
                    content,
                    session.Cancellation).ConfigureAwait(false);
            }
            catch (MailStoreException exception)
            {
                MailboxLookup.Refuse(session, command.Tag, exception);
                return state;
            }
        }

        session.Services.Notifier.Publish(found.Name.Inbox.Id);
        session.Ok(command.Tag, string.Create(CultureInfo.InvariantCulture, $"[APPENDUID {found.Folder.UidValidity} {stored.Uid}] APPEND completed"));
        return state;
    }
}
