using ServerlessMail.Core;
using ServerlessMail.Net;

namespace ServerlessMail.Smtp;

/// <summary>The result of checking credentials: who, or a plain refusal, or a store fault (454, try again).</summary>
internal readonly record struct AuthOutcome(SmtpAuthentication? Authentication, bool TemporaryFailure);

/// <summary>
/// Checks SASL credentials against Core: the user name must be an inbox's own address, the password a valid API token
/// with send permission whose scope covers that inbox. Every attempt first waits out <see cref="AuthThrottle"/>'s delay
/// for the peer address, the user name and the account of the inbox it names (looked up first, so the token is never
/// checked before the wait); failures make the next wait longer.
/// </summary>
internal static class SmtpAuthenticator
{
    public static async Task<AuthOutcome> AuthenticateAsync(SmtpSession session, SaslCredentials credentials)
    {
        var throttle = session.Context.Throttle;
        var address = session.Connection.RemoteAddress;
        SmtpAuthentication? authentication;
        try
        {
            var inbox = await FindInboxAsync(session, credentials.UserName).ConfigureAwait(false);
            var delay = throttle.DelayFor(address, credentials.UserName, inbox?.AccountId);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, session.Context.Clock, session.Cancellation).ConfigureAwait(false);
            }

            authentication = inbox is null ? null : await CheckAsync(session, credentials, inbox).ConfigureAwait(false);
            if (authentication is null)
            {
                throttle.RecordFailure(address, credentials.UserName, inbox?.AccountId);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            SmtpLog.StorageFault(session.Logger, session.Id, exception);
            return new AuthOutcome(null, TemporaryFailure: true);
        }

        if (authentication is not null)
        {
            throttle.RecordSuccess(credentials.UserName);
        }

        return new AuthOutcome(authentication, false);
    }


    /// <summary>
    /// Before each MAIL: is the token still valid? A revoked or expired token ends the session with 421. Returns false
    /// when the session must not go on (and has already replied).
    /// </summary>
    public static async Task<bool> StillValidAsync(SmtpSession session, SmtpAuthentication authentication)
    {
        try
        {
            var check = await session.Context.Services.Tokens.CheckAsync(authentication.Secret, session.Cancellation).ConfigureAwait(false);
            if (check.IsValid)
            {
                return true;
            }

            session.Reply(SmtpReplies.CredentialsRevoked);
            session.Close();
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            SmtpLog.StorageFault(session.Logger, session.Id, exception);
            session.Reply(SmtpReplies.TemporaryAuthFailure);
            return false;
        }
    }

    private static async Task<SmtpAuthentication?> CheckAsync(SmtpSession session, SaslCredentials credentials, Inbox inbox)
    {
        var check = await session.Context.Services.Tokens.CheckAsync(credentials.Password, session.Cancellation).ConfigureAwait(false);
        if (!check.IsValid || check.Principal is not { } principal || !principal.Covers(inbox) || !principal.Has(TokenPermissions.Send))
        {
            return null;
        }

        if (!SameAddress(credentials.AuthorizationId, credentials.UserName))
        {
            // RFC 4616 §2: acting for another identity is the server's decision; refused unless the options allow it,
            // and then only for an inbox the same token covers.
            var acting = session.Options.AllowAuthorizationIdentity ? await FindInboxAsync(session, credentials.AuthorizationId).ConfigureAwait(false) : null;
            if (acting is null || !principal.Covers(acting))
            {
                return null;
            }

            inbox = acting;
        }

        return new SmtpAuthentication(principal, inbox, credentials.Password);
    }

    /// <summary>The inbox whose own address this is (not a plus-address or a catch-all match).</summary>
    private static async Task<Inbox?> FindInboxAsync(SmtpSession session, string address)
    {
        var normalized = RecipientResolver.Normalize(address);
        if (normalized is null)
        {
            return null;
        }

        var resolved = await session.Context.Services.Recipients.ResolveAsync(address, session.Cancellation).ConfigureAwait(false);
        return resolved.Inbox is { } inbox && inbox.Address == normalized.Value.Local + "@" + normalized.Value.Domain ? inbox : null;
    }

    private static bool SameAddress(string a, string b) =>
        string.Equals(RecipientResolver.Normalize(a)?.ToString(), RecipientResolver.Normalize(b)?.ToString(), StringComparison.Ordinal);
}
