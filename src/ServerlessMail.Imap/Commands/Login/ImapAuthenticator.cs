using ServerlessMail.Core;
using ServerlessMail.Net;

namespace ServerlessMail.Imap;

/// <summary>
/// Checks a user name and token against Core. An inbox login: the user is an inbox's address, the token has
/// <c>read</c> and covers that inbox; the session sees that inbox. An account login: the user is the account id, the
/// token is account-scoped with <c>read</c>; the session sees every inbox of the account. Every attempt first waits
/// out <see cref="AuthThrottle"/>'s delay for the peer address and the user name.
/// </summary>
internal static class ImapAuthenticator
{
    private const int MaxInboxes = 1000;

    /// <summary>The new state, or null after answering the refusal.</summary>
    public static async Task<ImapState?> LoginAsync(ImapSession session, string tag, string userName, string password)
    {
        var throttle = session.Context.Throttle;
        var address = session.Connection.RemoteAddress;
        var delay = throttle.DelayFor(address, userName);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, session.Context.Clock, session.Cancellation).ConfigureAwait(false);
        }

        ImapIdentity? identity;
        try
        {
            identity = await CheckAsync(session, userName, password).ConfigureAwait(false);
        }
        catch (MailStoreException exception)
        {
            ImapLog.StorageFault(session.Logger, session.Id, exception);
            session.No(tag, "UNAVAILABLE", "Try again later");
            return null;
        }

        if (identity is null)
        {
            throttle.RecordFailure(address, userName);
            ImapLog.AuthFailed(session.Logger, session.Id, userName, session.Connection.RemoteEndPoint?.ToString());
            session.No(tag, "AUTHENTICATIONFAILED", "Authentication failed");
            session.CountAuthFailure();
            return null;
        }

        throttle.RecordSuccess(userName);
        identity.CheckedAt = session.Context.Clock.GetUtcNow();
        session.WatchRevocation(identity);
        session.Ok(tag, $"[{Capabilities.Line(session, new AuthenticatedState(identity))}] Logged in");
        return new AuthenticatedState(identity);
    }

    private static async Task<ImapIdentity?> CheckAsync(ImapSession session, string userName, string password)
    {
        var services = session.Services;
        var check = await services.Tokens.CheckAsync(password, session.Cancellation).ConfigureAwait(false);
        if (!check.IsValid || check.Principal is not { } principal || !principal.Has(TokenPermissions.Read))
        {
            return null;
        }

        if (userName.Contains('@', StringComparison.Ordinal))
        {
            var inbox = await services.Store.FindInboxByAddressAsync(userName.Trim().ToLowerInvariant(), session.Cancellation).ConfigureAwait(false);
            return inbox is not null && principal.Covers(inbox)
                ? new ImapIdentity(userName, principal, password, new MailboxView([inbox], accountView: false))
                : null;
        }

        if (!principal.IsAccountScoped || !string.Equals(principal.AccountId, userName, StringComparison.Ordinal))
        {
            return null;
        }

        var inboxes = new List<Inbox>();
        string? cursor = null;
        do
        {
            var page = await services.Store.ListInboxesAsync(principal.AccountId, new PageRequest(PageRequest.MaxLimit, cursor), session.Cancellation).ConfigureAwait(false);
            inboxes.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null && inboxes.Count < MaxInboxes);

        inboxes.Sort((a, b) => string.CompareOrdinal(a.Address, b.Address));
        return new ImapIdentity(userName, principal, password, new MailboxView(inboxes, accountView: true));
    }
}
