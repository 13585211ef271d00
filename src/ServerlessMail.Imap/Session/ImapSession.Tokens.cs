namespace ServerlessMail.Imap;

internal sealed partial class ImapSession
{
    private IDisposable? _revocation;
    private volatile bool _revoked;

    /// <summary>
    /// After LOGIN/AUTHENTICATE: a revocation of this token in the same process (the REST API's DELETE /v1/tokens)
    /// ends the session at once with BYE, whatever it is waiting for. Revocations made elsewhere are caught by
    /// <see cref="TokenStillValidAsync"/>'s periodic re-check.
    /// </summary>
    public void WatchRevocation(ImapIdentity identity)
    {
        _revocation?.Dispose();
        _revocation = Services.Tokens.Revocations.Subscribe(identity.Principal.TokenId, OnTokenRevoked);
    }

    private void OnTokenRevoked()
    {
        _revoked = true;
        try
        {
            // Asynchronously: this runs on the revoking thread (an API request), which must not run the session.
            _ = _cancellationSource.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The session has already ended.
        }
    }

    /// <summary>
    /// Re-checks the session's token at most every <see cref="ImapServerOptions.TokenRecheckInterval"/> (or now, with
    /// <paramref name="force"/>): a revoked or expired token ends the session with BYE, so revocation reaches open
    /// sessions within a minute. A store fault keeps the session (the token was valid at the last check).
    /// </summary>
    public async Task<bool> TokenStillValidAsync(ImapIdentity identity, bool force)
    {
        var now = Context.Clock.GetUtcNow();
        if (!force && now - identity.CheckedAt < Options.TokenRecheckInterval)
        {
            return true;
        }

        try
        {
            var check = await Services.Tokens.CheckAsync(identity.Secret, _cancellation).ConfigureAwait(false);
            if (!check.IsValid)
            {
                await ByeAndCloseAsync("Credentials revoked or expired").ConfigureAwait(false);
                return false;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ImapLog.StorageFault(Logger, Id, exception);
            return true;
        }

        identity.CheckedAt = now;
        return true;
    }
}
