using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// The Core services and ports a session uses: the only way the IMAP server reaches storage. The notifier wakes IDLE
/// and is told of every change a session makes, so other sessions of the same process learn of it at once.
/// </summary>
public sealed record ImapServices(IMailStore Store, IBlobStore Blobs, TokenService Tokens, MessageAppendService Appends, MailboxNotifier Notifier)
{
    /// <summary>The message states of recently selected, unchanged folders, shared by the sessions of this server.</summary>
    internal FolderStateCache FolderStates { get; } = new();

    /// <summary>What never changes about recently read messages, with their rendered ENVELOPE and BODYSTRUCTURE.</summary>
    internal MessageCache Messages { get; } = new();
}
