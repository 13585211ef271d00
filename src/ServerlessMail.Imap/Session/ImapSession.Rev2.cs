namespace ServerlessMail.Imap;

internal sealed partial class ImapSession
{
    /// <summary>
    /// RFC 9051 §6.3.1: a server offering both IMAP4rev1 and IMAP4rev2 speaks rev1 until the client sends
    /// ENABLE IMAP4rev2, so every rev2 difference (ESEARCH only, no \Recent, UTF-8 mailbox names) hangs on this flag.
    /// </summary>
    public bool Imap4Rev2Enabled { get; set; }

    /// <summary>\Recent as this session may show it: RFC 9051 removed the flag, so a rev2 session never sees it.</summary>
    public bool ShowsRecent(SelectedMailbox mailbox, uint uid) => !Imap4Rev2Enabled && mailbox.Recent.Contains(uid);

    /// <summary>The command's arguments, reading mailbox names as this session's protocol revision spells them.</summary>
    public ArgumentReader Arguments(ImapCommand command) => new(command.Arguments, Imap4Rev2Enabled);

    /// <summary>A stored (Unicode) mailbox name as this session's client spells it: UTF-8 under rev2, modified UTF-7 before.</summary>
    public string WireName(string name) => MailboxNames.Encode(name, Imap4Rev2Enabled);
}
