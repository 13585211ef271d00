namespace ServerlessMail.Core;

/// <summary>
/// In-process notice that a token was revoked, for the sessions that authenticated with it: an SMTP or IMAP session
/// subscribes after AUTH/LOGIN and disposes the subscription when it ends. <see cref="TokenService.RevokeAsync"/>
/// raises it, so a revoke through the API ends the open sessions of the same process at once. Sessions in another
/// process (a revoke made by the CLI on the data directory, another Lambda) still see revocation at their next
/// token check: the store is the truth, this is only the prompt.
/// </summary>
public sealed class TokenRevocations
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<Subscription>> _byToken = new(StringComparer.Ordinal);

    /// <summary>
    /// Calls <paramref name="onRevoked"/> once when <paramref name="tokenId"/> is revoked, on the revoking thread: it
    /// must return quickly and not throw (cancel the session's token, say). Dispose the result when the session ends.
    /// </summary>
    public IDisposable Subscribe(string tokenId, Action onRevoked)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        ArgumentNullException.ThrowIfNull(onRevoked);
        var subscription = new Subscription(this, tokenId, onRevoked);
        lock (_lock)
        {
            if (!_byToken.TryGetValue(tokenId, out var set))
            {
                _byToken[tokenId] = set = [];
            }

            set.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Tells every session of <paramref name="tokenId"/> that it is revoked, and forgets them.</summary>
    public void Revoke(string tokenId)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        HashSet<Subscription>? set;
        lock (_lock)
        {
            _byToken.Remove(tokenId, out set);
        }

        foreach (var subscription in set ?? [])
        {
            subscription.OnRevoked();
        }
    }

    /// <summary>How many open sessions listen for <paramref name="tokenId"/> (for tests and diagnostics).</summary>
    public int CountFor(string tokenId)
    {
        lock (_lock)
        {
            return _byToken.TryGetValue(tokenId, out var set) ? set.Count : 0;
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            if (_byToken.TryGetValue(subscription.TokenId, out var set) && set.Remove(subscription) && set.Count == 0)
            {
                _byToken.Remove(subscription.TokenId);
            }
        }
    }

    private sealed class Subscription(TokenRevocations owner, string tokenId, Action onRevoked) : IDisposable
    {
        public string TokenId { get; } = tokenId;

        public void OnRevoked() => onRevoked();

        public void Dispose() => owner.Remove(this);
    }
}
