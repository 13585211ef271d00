using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>RFC 3501 §3: the four states. Flags, so the state table can say "Authenticated or Selected" in one value.</summary>
[Flags]
internal enum ImapStateKind
{
    NotAuthenticated = 1,
    Authenticated = 2,
    Selected = 4,
    Logout = 8,
    Any = NotAuthenticated | Authenticated | Selected,
    LoggedIn = Authenticated | Selected,
}

/// <summary>A session state; each carries only what is valid in it (the Selected state has the mailbox, the others none).</summary>
internal abstract class ImapState(ImapStateKind kind)
{
    public ImapStateKind Kind { get; } = kind;
}

internal sealed class NotAuthenticatedState() : ImapState(ImapStateKind.NotAuthenticated)
{
    public static NotAuthenticatedState Instance { get; } = new();
}

internal sealed class LogoutState() : ImapState(ImapStateKind.Logout)
{
    public static LogoutState Instance { get; } = new();
}

/// <summary>Logged in: who, and which inboxes the session sees.</summary>
internal class AuthenticatedState(ImapIdentity identity, ImapStateKind kind = ImapStateKind.Authenticated) : ImapState(kind)
{
    public ImapIdentity Identity { get; } = identity;
}

internal sealed class SelectedState(ImapIdentity identity, SelectedMailbox mailbox) : AuthenticatedState(identity, ImapStateKind.Selected)
{
    public SelectedMailbox Mailbox { get; } = mailbox;
}

/// <summary>
/// A logged-in identity. <see cref="Secret"/> is the token, kept only to re-check it (a revoked token's sessions end);
/// it is never logged.
/// </summary>
internal sealed class ImapIdentity(string userName, Principal principal, string secret, MailboxView view)
{
    public string UserName { get; } = userName;

    public Principal Principal { get; } = principal;

    public string Secret { get; } = secret;

    public MailboxView View { get; } = view;

    public DateTimeOffset CheckedAt { get; set; }
}
