using System.Security.Cryptography;

namespace ServerlessMail.Core;

/// <summary>
/// Issues, checks and revokes API tokens. Secrets are shown once and stored only as SHA-256. A revoke also tells this
/// process's open sessions of the token (<see cref="Revocations"/>), so they end at once rather than at their next check.
/// </summary>
public sealed class TokenService(ITokenStore store, TimeProvider clock, TokenRevocations? revocations = null)
{
    // Recording every use would make each request a write; a minute of precision is plenty for "last used".
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Where sessions subscribe to hear that their token was revoked; shared by every edge of the process.</summary>
    public TokenRevocations Revocations { get; } = revocations ?? new TokenRevocations();

    /// <summary>
    /// Issues a token. <paramref name="issuer"/> is the token asking (null for the operator bootstrapping an account);
    /// it may never grant more rights, or a wider scope, than its own.
    /// </summary>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(
        Principal? issuer,
        string accountId,
        string name,
        string? inboxId,
        TokenPermissions permissions,
        DateTimeOffset? expiresAt,
        CancellationToken cancellationToken = default)
    {
        var now = Validate(issuer, accountId, name, inboxId, permissions, expiresAt);
        return await MintAsync(Ids.New(Ids.Token, clock), accountId, name, inboxId, permissions, expiresAt, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Issues a token once per <paramref name="idempotencyKey"/> (the id is derived from the account and the key). The
    /// secret exists only in the first answer: a retry that finds the token returns it with a null secret and never
    /// mints a second one, so a lost response costs a revoke and a new create, not a token nobody knows about.
    /// </summary>
    public async Task<(ApiToken Token, string? Secret)> CreateOnceAsync(
        Principal issuer,
        string name,
        string? inboxId,
        TokenPermissions permissions,
        DateTimeOffset? expiresAt,
        string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var now = Validate(issuer, issuer.AccountId, name, inboxId, permissions, expiresAt);
        var id = Idempotency.IdFor(Ids.Token, issuer.AccountId, idempotencyKey);
        var found = await Idempotency.FindAsync(id, store.GetTokenAsync, issuer.AccountId, t => t.AccountId, cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            return (found, null);
        }

        try
        {
            return await MintAsync(id, issuer.AccountId, name, inboxId, permissions, expiresAt, now, cancellationToken).ConfigureAwait(false);
        }
        catch (MailStoreException exception) when (exception.Error == MailStoreError.Conflict)
        {
            var winner = await Idempotency.FindAsync(id, store.GetTokenAsync, issuer.AccountId, t => t.AccountId, cancellationToken).ConfigureAwait(false);
            if (winner is null)
            {
                throw;
            }

            return (winner, null);
        }
    }

    private async Task<(ApiToken Token, string Secret)> MintAsync(string id, string accountId, string name, string? inboxId, TokenPermissions permissions, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var secret = TokenFormat.Generate();
        var token = new ApiToken(
            id, accountId, name, inboxId, permissions, TokenFormat.Hash(secret),
            TokenFormat.DisplayPrefix(secret), TokenFormat.LastFour(secret), now, expiresAt, null, null);
        await store.CreateTokenAsync(token, cancellationToken).ConfigureAwait(false);
        return (token, secret);
    }

    /// <summary>The checks every issue passes; returns the time of issue.</summary>
    private DateTimeOffset Validate(Principal? issuer, string accountId, string name, string? inboxId, TokenPermissions permissions, DateTimeOffset? expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > ModelLimits.TokenName)
        {
            throw MailStoreException.TooLarge("name", ModelLimits.TokenName);
        }

        if (permissions == TokenPermissions.None || (permissions & ~TokenPermissions.All) != 0)
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, "A token needs at least one known permission.");
        }

        var now = clock.GetUtcNow();
        if (expiresAt is { } expiry && expiry <= now)
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, "expiresAt must be in the future.");
        }

        if (issuer is not null && (issuer.AccountId != accountId || !issuer.MayGrant(permissions, inboxId)))
        {
            throw new MailStoreException(MailStoreError.NotAllowed, "A token cannot grant more rights or a wider scope than its own.");
        }

        return now;
    }

    /// <summary>Checks a presented secret: shape and checksum first, then the store by hash, compared in constant time.</summary>
    public async Task<TokenCheck> CheckAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (secret is null || !TokenFormat.IsWellFormed(secret))
        {
            return TokenCheck.Fail(TokenStatus.Malformed);
        }

        var hash = TokenFormat.Hash(secret);
        var token = await store.FindTokenByHashAsync(hash, cancellationToken).ConfigureAwait(false);

        // The lookup is by hash; the constant-time comparison keeps a store that matched loosely from leaking timing.
        if (token is null || !CryptographicOperations.FixedTimeEquals(token.Hash.Span, hash))
        {
            return TokenCheck.Fail(TokenStatus.Unknown);
        }

        var now = clock.GetUtcNow();
        if (token.IsRevoked)
        {
            return TokenCheck.Fail(TokenStatus.Revoked, token);
        }

        if (token.IsExpired(now))
        {
            return TokenCheck.Fail(TokenStatus.Expired, token);
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt.Value >= TouchInterval)
        {
            await store.TouchTokenAsync(token.Id, now, cancellationToken).ConfigureAwait(false);
        }

        return new TokenCheck(TokenStatus.Valid, new Principal(token.AccountId, token.Id, token.InboxId, token.Permissions), token);
    }

    /// <summary>Revokes a token of the actor's account. Effective at once: the next check sees it, and open sessions end.</summary>
    public async Task RevokeAsync(Principal actor, string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var token = await store.GetTokenAsync(tokenId, cancellationToken).ConfigureAwait(false);
        if (token is null || token.AccountId != actor.AccountId || (actor.InboxId is not null && token.InboxId != actor.InboxId))
        {
            throw MailStoreException.NotFound("The token");
        }

        if (!actor.Has(TokenPermissions.Manage))
        {
            throw new MailStoreException(MailStoreError.NotAllowed, "Revoking tokens needs the manage permission.");
        }

        await store.RevokeTokenAsync(tokenId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Revocations.Revoke(tokenId);
    }
}
