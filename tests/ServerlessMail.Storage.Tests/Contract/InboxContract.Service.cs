using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary><see cref="InboxService"/> on the store: who may create, see and delete inboxes, and what addresses are valid.</summary>
public abstract partial class InboxContract
{
    [Fact]
    public async Task CreatingTakesTheDefaultDomainAndNormalisesTheLocalPart()
    {
        var (service, account, admin) = await SeedServiceAsync();
        await Harness.SeedDomainAsync(account, "second.example", isDefault: false);

        var named = await service.CreateAsync(admin, " Support.Team ", null, "Support");
        var elsewhere = await service.CreateAsync(admin, "sales", "SECOND.example", null);
        var random = await service.CreateAsync(admin, null, null, null);

        Assert.Equal(("support.team", "acme.example", "Support"), (named.LocalPart, named.Domain, named.DisplayName));
        Assert.Equal("sales@second.example", elsewhere.Address);
        Assert.Matches("^[a-z]+-[a-z]+-[0-9]{4}@acme\\.example$", random.Address);
        Assert.Equal(named, await Harness.Store.FindInboxByAddressAsync("support.team@acme.example"));
        Assert.Equal(Folder.SpecialFolders.Count, (await Harness.Store.ListFoldersAsync(named.Id)).Count);
    }

    [Theory]
    [InlineData("alice+tag")]
    [InlineData("two words")]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData(".alice")]
    [InlineData("alice@evil.example")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task InvalidLocalPartsAreRefused(string localPart)
    {
        var (service, account, admin) = await SeedServiceAsync();

        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidArgument, () => service.CreateAsync(admin, localPart, null, null));

        Assert.Empty((await Harness.Store.ListInboxesAsync(account.Id, new PageRequest())).Items);
    }

    [Fact]
    public async Task OnlyTheAccountsOwnDomainsAndAccountScopedManagersMayCreate()
    {
        var (service, account, admin) = await SeedServiceAsync();
        var other = await Harness.SeedAccountAsync(name: "Other");
        await Harness.SeedDomainAsync(other, "other.example");
        var inbox = await service.CreateAsync(admin, "alice", null, null);

        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidArgument, () => service.CreateAsync(admin, "bob", "other.example", null));
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotAllowed, () => service.CreateAsync(admin with { InboxId = inbox.Id }, "bob", null, null));
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotAllowed, () => service.CreateAsync(admin with { Permissions = TokenPermissions.Read | TokenPermissions.Send }, "bob", null, null));
        await StoreFixtures.AssertErrorAsync(MailStoreError.ValueTooLarge, () => service.CreateAsync(admin, "bob", null, new string('n', ModelLimits.DisplayName + 1)));
        await StoreFixtures.AssertErrorAsync(MailStoreError.Conflict, () => service.CreateAsync(admin, "ALICE", null, null));

        Assert.Equal([inbox.Id], (await Harness.Store.ListInboxesAsync(account.Id, new PageRequest())).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task AnotherAccountsInboxIsNotFoundNeverForbidden()
    {
        var (service, _, admin) = await SeedServiceAsync();
        var inbox = await service.CreateAsync(admin, "alice", null, null);
        var stranger = new Principal((await Harness.SeedAccountAsync(name: "Other")).Id, "tok_x", null, TokenPermissions.All);
        var sibling = admin with { InboxId = (await service.CreateAsync(admin, "bob", null, null)).Id };

        Assert.Equal(inbox, await service.GetAsync(admin, inbox.Id));
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, () => service.GetAsync(stranger, inbox.Id));
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, () => service.GetAsync(sibling, inbox.Id));
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, () => service.GetAsync(admin, "not-an-id"));
        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, () => service.DeleteAsync(stranger, inbox.Id, purge: true));
        Assert.NotNull(await Harness.Store.GetInboxAsync(inbox.Id));
    }

    [Fact]
    public async Task DeletingWithPurgeErasesOnlyUnsharedRawMessages()
    {
        var (service, account, admin) = await SeedServiceAsync();
        var alice = await service.CreateAsync(admin, "alice", null, null);
        var bob = await service.CreateAsync(admin, "bob", null, null);
        var aliceBox = new Mailbox(account, (await Harness.Store.GetDomainAsync("acme.example"))!, alice, await Harness.Store.ListFoldersAsync(alice.Id));
        var own = await Harness.AppendAsync(aliceBox);
        var shared = await Harness.PrepareAsync(aliceBox, aliceBox.InboxFolder);
        await Harness.Store.AppendAsync(shared);
        var bobInbox = (await Harness.Store.FindFolderAsync(bob.Id, Folder.InboxName))!;
        await Harness.Store.AppendAsync(shared with { Id = Ids.New(Ids.Message, Harness.Clock), InboxId = bob.Id, FolderId = bobInbox.Id });

        await service.DeleteAsync(admin, alice.Id, purge: true);

        await StoreFixtures.AssertErrorAsync(MailStoreError.NotFound, () => Harness.Blobs.OpenReadAsync(own.BlobKey));
        await (await Harness.Blobs.OpenReadAsync(shared.BlobKey)).DisposeAsync();
        Assert.Null(await Harness.Store.GetInboxAsync(alice.Id));
    }

    private async Task<(InboxService Service, Account Account, Principal Admin)> SeedServiceAsync()
    {
        var account = await Harness.SeedAccountAsync();
        await Harness.SeedDomainAsync(account, "acme.example");
        return (Harness.InboxService(), account, new Principal(account.Id, "tok_admin", null, TokenPermissions.All));
    }
}
