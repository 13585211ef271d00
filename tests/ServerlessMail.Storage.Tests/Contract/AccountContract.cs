using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>IAccountStore: accounts and the domains they receive mail for.</summary>
public abstract class AccountContract : StoreContract
{
    [Fact]
    public async Task CreatedAccountReadsBackWithItsLimits()
    {
        var limits = new QuotaLimits(SendsPerDay: 10, SendsPerMinute: null, StoredBytes: 1_000_000);
        var account = await Harness.SeedAccountAsync(limits, "Robots Inc");

        var read = await Harness.Store.GetAccountAsync(account.Id);

        Assert.Equal(account, read);
    }

    [Fact]
    public async Task UpdatingAnAccountReplacesItsNameAndLimitsOnly()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var account = (await Harness.Store.GetAccountAsync(mailbox.AccountId))!;
        var updated = account with { Name = "Renamed", Limits = new QuotaLimits(SendsPerDay: 7, SendsPerMinute: null, StoredBytes: 1_000), CreatedAt = account.CreatedAt.AddDays(1) };

        await Harness.Store.UpdateAccountAsync(updated);

        Assert.Equal(updated with { CreatedAt = account.CreatedAt }, await Harness.Store.GetAccountAsync(account.Id));
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, () => Harness.Store.UpdateAccountAsync(updated with { Id = "acc_missing" }));
    }

    [Fact]
    public async Task AnAccountIdTakenTwiceIsAConflict()
    {
        var account = await Harness.SeedAccountAsync();

        await StoreFixtures.AssertErrorAsync(MailStoreError.Conflict, () => Harness.Store.CreateAccountAsync(account with { Name = "Other" }));
        Assert.Equal("Acme", (await Harness.Store.GetAccountAsync(account.Id))!.Name);
    }

    [Fact]
    public async Task DomainsBelongToTheirAccount()
    {
        var acme = await Harness.SeedAccountAsync();
        var other = await Harness.SeedAccountAsync(name: "Other");
        var main = await Harness.SeedDomainAsync(acme, "acme.example");
        var second = await Harness.SeedDomainAsync(acme, "mail.acme.example", isDefault: false);
        await Harness.SeedDomainAsync(other, "other.example");

        Assert.Equal(main, await Harness.Store.GetDomainAsync("acme.example"));
        var listed = await Harness.Store.ListDomainsAsync(acme.Id);
        Assert.Equal([main, second], listed.OrderBy(d => d.Name, StringComparer.Ordinal));
        Assert.Equal(["other.example"], (await Harness.Store.ListDomainsAsync(other.Id)).Select(d => d.Name));
        Assert.Null(await Harness.Store.GetDomainAsync("unknown.example"));
    }

    [Fact]
    public async Task ADomainAnyAccountHasIsAConflict()
    {
        var acme = await Harness.SeedAccountAsync();
        var other = await Harness.SeedAccountAsync(name: "Other");
        var domain = await Harness.SeedDomainAsync(acme, "acme.example");

        await StoreFixtures.AssertErrorAsync(MailStoreError.Conflict, () => Harness.SeedDomainAsync(other, "acme.example"));
        await StoreFixtures.AssertErrorAsync(MailStoreError.Conflict, () => Harness.SeedDomainAsync(acme, "acme.example", isDefault: false));

        Assert.Equal(domain, await Harness.Store.GetDomainAsync("acme.example"));
        Assert.Empty(await Harness.Store.ListDomainsAsync(other.Id));
    }

    [Fact]
    public async Task UpdatingADomainReplacesItsCatchAllAndDefault()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var updated = mailbox.Domain with { CatchAllInboxId = mailbox.Inbox.Id, IsDefault = false };

        await Harness.Store.UpdateDomainAsync(updated);

        Assert.Equal(updated, await Harness.Store.GetDomainAsync(mailbox.Domain.Name));
        Assert.Equal([updated], await Harness.Store.ListDomainsAsync(mailbox.AccountId));

        var cleared = updated with { CatchAllInboxId = null };
        await Harness.Store.UpdateDomainAsync(cleared);
        Assert.Null((await Harness.Store.GetDomainAsync(mailbox.Domain.Name))!.CatchAllInboxId);
    }

    [Fact]
    public async Task TheAccountServiceCreatesAnAccountWithItsDomainAndAWorkingAdminToken()
    {
        using var services = new StoreServices(Harness);
        var accounts = new AccountService(Harness.Store, services.Tokens, Harness.Clock);

        var (account, secret) = await accounts.CreateAsync("Agents", "Agents.Example.");

        Assert.Equal(account, await Harness.Store.GetAccountAsync(account.Id));
        var domain = Assert.Single(await Harness.Store.ListDomainsAsync(account.Id));
        Assert.Equal("agents.example", domain.Name);
        Assert.True(domain.IsDefault);
        var check = await services.Tokens.CheckAsync(secret);
        Assert.Equal(TokenStatus.Valid, check.Status);
        Assert.Equal(account.Id, check.Principal!.AccountId);
        Assert.True(check.Principal.Has(TokenPermissions.Admin));
    }
}
