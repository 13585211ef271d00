using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>ITokenStore through <see cref="TokenService"/>: secrets shown once, hashes stored, revocation at once.</summary>
public abstract class TokenContract : StoreContract
{
    [Fact]
    public async Task CreatingShowsTheSecretOnceAndStoresOnlyItsHash()
    {
        var (tokens, mailbox) = await SeedAsync();

        var (token, secret) = await tokens.CreateAsync(null, mailbox.AccountId, "ci", mailbox.Inbox.Id, TokenPermissions.Read | TokenPermissions.Send, null);

        Assert.True(TokenFormat.IsWellFormed(secret));
        var stored = await Harness.Store.GetTokenAsync(token.Id);
        Assert.NotNull(stored);
        Assert.Equal(TokenFormat.Hash(secret), stored.Hash.ToArray());
        Assert.Equal((token.AccountId, token.Name, token.InboxId, token.Permissions, token.CreatedAt), (stored.AccountId, stored.Name, stored.InboxId, stored.Permissions, stored.CreatedAt));
        Assert.Equal((secret[..7], secret[^4..]), (stored.DisplayPrefix, stored.LastFour));
        var body = secret[TokenFormat.Prefix.Length..];
        foreach (var property in typeof(ApiToken).GetProperties().Where(p => p.PropertyType == typeof(string)))
        {
            var value = (string?)property.GetValue(stored);
            Assert.False(value is not null && value.Length > 8 && body.Contains(value[^8..], StringComparison.Ordinal), $"{property.Name} holds part of the secret.");
        }

        var found = await Harness.Store.FindTokenByHashAsync(TokenFormat.Hash(secret));
        Assert.Equal(token.Id, found?.Id);
        Assert.Equal([token.Id], (await Harness.Store.ListTokensAsync(mailbox.AccountId)).Select(t => t.Id));
    }

    [Fact]
    public async Task AValidTokenChecksToItsPrincipal()
    {
        var (tokens, mailbox) = await SeedAsync();
        var (token, secret) = await tokens.CreateAsync(null, mailbox.AccountId, "reader", mailbox.Inbox.Id, TokenPermissions.Read, Harness.Now().AddDays(1));

        var check = await tokens.CheckAsync(secret);

        Assert.Equal(TokenStatus.Valid, check.Status);
        Assert.Equal(new Principal(mailbox.AccountId, token.Id, mailbox.Inbox.Id, TokenPermissions.Read), check.Principal);
        Assert.True(check.Principal!.Covers(mailbox.Inbox));
        Assert.False(check.Principal.Has(TokenPermissions.Send));
    }

    [Fact]
    public async Task ChecksSayMalformedUnknownRevokedAndExpired()
    {
        var (tokens, mailbox) = await SeedAsync();
        var (_, secret) = await tokens.CreateAsync(null, mailbox.AccountId, "short-lived", null, TokenPermissions.Read, Harness.Now().AddHours(1));
        var typo = secret[..10] + (secret[10] == 'a' ? 'b' : 'a') + secret[11..];

        Assert.Equal(TokenStatus.Malformed, (await tokens.CheckAsync(typo)).Status);
        Assert.Equal(TokenStatus.Malformed, (await tokens.CheckAsync(null)).Status);
        Assert.Equal(TokenStatus.Unknown, (await tokens.CheckAsync(TokenFormat.Generate())).Status);

        Harness.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(TokenStatus.Valid, (await tokens.CheckAsync(secret)).Status);
        Harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await tokens.CheckAsync(secret);
        Assert.Equal(TokenStatus.Expired, expired.Status);
        Assert.Null(expired.Principal);
    }

    [Fact]
    public async Task ARevokedTokenFailsAtOnce()
    {
        var (tokens, mailbox) = await SeedAsync();
        var (admin, adminSecret) = await tokens.CreateAsync(null, mailbox.AccountId, "admin", null, TokenPermissions.All, null);
        var (victim, secret) = await tokens.CreateAsync(null, mailbox.AccountId, "agent", null, TokenPermissions.Read | TokenPermissions.Send, null);
        Assert.Equal(TokenStatus.Valid, (await tokens.CheckAsync(secret)).Status);
        var actor = (await tokens.CheckAsync(adminSecret)).Principal!;

        await tokens.RevokeAsync(actor, victim.Id);

        // No time passes and no other work happens between the revocation and the next check.
        var check = await tokens.CheckAsync(secret);
        Assert.Equal(TokenStatus.Revoked, check.Status);
        Assert.Null(check.Principal);
        Assert.Equal(Harness.Now(), (await Harness.Store.GetTokenAsync(victim.Id))?.RevokedAt);
        Assert.Equal(TokenStatus.Valid, (await tokens.CheckAsync(adminSecret)).Status);
        Assert.Equal(admin.Id, (await tokens.CheckAsync(adminSecret)).Principal?.TokenId);
    }

    [Fact]
    public async Task RevokingTwiceKeepsTheFirstTime()
    {
        var (tokens, mailbox) = await SeedAsync();
        var (token, _) = await tokens.CreateAsync(null, mailbox.AccountId, "agent", null, TokenPermissions.Read, null);
        var first = Harness.Now();

        await Harness.Store.RevokeTokenAsync(token.Id, first);
        Harness.Clock.Advance(TimeSpan.FromHours(1));
        await Harness.Store.RevokeTokenAsync(token.Id, Harness.Now());

        Assert.Equal(first, (await Harness.Store.GetTokenAsync(token.Id))?.RevokedAt);
    }

    [Fact]
    public async Task ATokenNeverMintsMoreRightsOrAWiderScope()
    {
        var (tokens, mailbox) = await SeedAsync();
        var sibling = await Harness.SeedSiblingAsync(mailbox, "bob");
        var (_, scopedSecret) = await tokens.CreateAsync(null, mailbox.AccountId, "scoped", mailbox.Inbox.Id, TokenPermissions.Read | TokenPermissions.Manage, null);
        var scoped = (await tokens.CheckAsync(scopedSecret)).Principal!;

        async Task RefusedAsync(Principal issuer, string accountId, string? inboxId, TokenPermissions permissions) =>
            await StoreFixtures.AssertErrorAsync(MailStoreError.NotAllowed, () => tokens.CreateAsync(issuer, accountId, "minted", inboxId, permissions, null));

        await RefusedAsync(scoped, mailbox.AccountId, mailbox.Inbox.Id, TokenPermissions.Send);
        await RefusedAsync(scoped, mailbox.AccountId, mailbox.Inbox.Id, TokenPermissions.Admin);
        await RefusedAsync(scoped, mailbox.AccountId, null, TokenPermissions.Read);
        await RefusedAsync(scoped, mailbox.AccountId, sibling.Inbox.Id, TokenPermissions.Read);

        var other = await Harness.SeedAccountAsync(name: "Other");
        var (_, adminSecret) = await tokens.CreateAsync(null, mailbox.AccountId, "admin", null, TokenPermissions.All, null);
        await RefusedAsync((await tokens.CheckAsync(adminSecret)).Principal!, other.Id, null, TokenPermissions.Read);

        var (_, readerSecret) = await tokens.CreateAsync(null, mailbox.AccountId, "reader", null, TokenPermissions.Read, null);
        await RefusedAsync((await tokens.CheckAsync(readerSecret)).Principal!, mailbox.AccountId, mailbox.Inbox.Id, TokenPermissions.Read);

        var (minted, mintedSecret) = await tokens.CreateAsync(scoped, mailbox.AccountId, "child", mailbox.Inbox.Id, TokenPermissions.Read, null);
        Assert.Equal(new Principal(mailbox.AccountId, minted.Id, mailbox.Inbox.Id, TokenPermissions.Read), (await tokens.CheckAsync(mintedSecret)).Principal);
        Assert.Equal(4, (await Harness.Store.ListTokensAsync(mailbox.AccountId)).Count);
        Assert.Empty(await Harness.Store.ListTokensAsync(other.Id));
    }

    [Fact]
    public async Task ATokenOfAnotherAccountOrInboxCannotBeRevoked()
    {
        var (tokens, mailbox) = await SeedAsync();
        var sibling = await Harness.SeedSiblingAsync(mailbox, "bob");
        var (target, secret) = await tokens.CreateAsync(null, mailbox.AccountId, "bob's", sibling.Inbox.Id, TokenPermissions.Read, null);
        var (_, scopedSecret) = await tokens.CreateAsync(null, mailbox.AccountId, "alice's", mailbox.Inbox.Id, TokenPermissions.Manage | TokenPermissions.Read, null);
        var other = await Harness.SeedAccountAsync(name: "Other");
        var (_, otherSecret) = await tokens.CreateAsync(null, other.Id, "admin", null, TokenPermissions.All, null);

        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, async () => await tokens.RevokeAsync((await tokens.CheckAsync(scopedSecret)).Principal!, target.Id));
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, async () => await tokens.RevokeAsync((await tokens.CheckAsync(otherSecret)).Principal!, target.Id));

        Assert.Equal(TokenStatus.Valid, (await tokens.CheckAsync(secret)).Status);
    }

    [Fact]
    public async Task ChecksTouchLastUsedAtMostOnceAMinute()
    {
        var (tokens, mailbox) = await SeedAsync();
        var (token, secret) = await tokens.CreateAsync(null, mailbox.AccountId, "agent", null, TokenPermissions.Read, null);
        Assert.Null((await Harness.Store.GetTokenAsync(token.Id))?.LastUsedAt);
        var first = Harness.Now();

        await tokens.CheckAsync(secret);
        Assert.Equal(first, (await Harness.Store.GetTokenAsync(token.Id))?.LastUsedAt);

        Harness.Clock.Advance(TimeSpan.FromSeconds(30));
        await tokens.CheckAsync(secret);
        Assert.Equal(first, (await Harness.Store.GetTokenAsync(token.Id))?.LastUsedAt);

        Harness.Clock.Advance(TimeSpan.FromSeconds(31));
        await tokens.CheckAsync(secret);
        Assert.Equal(Harness.Now(), (await Harness.Store.GetTokenAsync(token.Id))?.LastUsedAt);
        Assert.Equal(Harness.Now(), (await Harness.Store.FindTokenByHashAsync(TokenFormat.Hash(secret)))?.LastUsedAt);
    }

    [Fact]
    public async Task UnknownHashesAndIdsFindNothing()
    {
        var (tokens, mailbox) = await SeedAsync();
        await tokens.CreateAsync(null, mailbox.AccountId, "agent", null, TokenPermissions.Read, null);

        Assert.Null(await Harness.Store.FindTokenByHashAsync(TokenFormat.Hash(TokenFormat.Generate())));
        Assert.Null(await Harness.Store.FindTokenByHashAsync(new byte[32]));
        Assert.Null(await Harness.Store.FindTokenByHashAsync(ReadOnlyMemory<byte>.Empty));
        Assert.Null(await Harness.Store.GetTokenAsync(Ids.New(Ids.Token, Harness.Clock)));
    }

    private async Task<(TokenService Tokens, Mailbox Mailbox)> SeedAsync() =>
        (new TokenService(Harness.Store, Harness.Clock), await Harness.SeedMailboxAsync());
}
