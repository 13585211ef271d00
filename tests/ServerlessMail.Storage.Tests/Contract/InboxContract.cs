using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>IInboxStore: inboxes with their folders and address claims.</summary>
public abstract class InboxContract : StoreContract
{
    [Fact]
    public async Task CreatingAnInboxCreatesItsFoldersAndClaimsItsAddress()
    {
        var mailbox = await Harness.SeedMailboxAsync("alice", "example.com", inboxLimits: new QuotaLimits(5, 2, 1_000));

        Assert.Equal(mailbox.Inbox, await Harness.Store.GetInboxAsync(mailbox.Inbox.Id));
        Assert.Equal(mailbox.Inbox, await Harness.Store.FindInboxByAddressAsync("alice@example.com"));
        var folders = await Harness.Store.ListFoldersAsync(mailbox.Inbox.Id);
        Assert.Equal(mailbox.Folders.Select(f => f.Name).Order(StringComparer.Ordinal), folders.Select(f => f.Name));
        Assert.Equal(mailbox.Folders.OrderBy(f => f.Name, StringComparer.Ordinal), folders);
    }

    [Fact]
    public async Task FindingByAddressIsExact()
    {
        await Harness.SeedMailboxAsync("alice", "example.com");

        Assert.Null(await Harness.Store.FindInboxByAddressAsync("alice@example.org"));
        Assert.Null(await Harness.Store.FindInboxByAddressAsync("alic@example.com"));
        Assert.Null(await Harness.Store.FindInboxByAddressAsync("alice+tag@example.com"));
        Assert.Null(await Harness.Store.FindInboxByAddressAsync("bob@example.com"));
    }

    [Fact]
    public async Task AClaimedAddressIsAConflictAndNothingOfTheLoserIsStored()
    {
        var mailbox = await Harness.SeedMailboxAsync("alice", "example.com");
        var other = await Harness.SeedAccountAsync(name: "Other");
        var loser = new Inbox(Ids.New(Ids.Inbox, Harness.Clock), other.Id, "alice", "example.com", "Impostor", QuotaLimits.Unlimited, Harness.Now());
        var folders = Harness.InboxService().NewSpecialFolders(loser.Id, Harness.Now());

        await StoreFixtures.AssertErrorAsync(MailStoreError.Conflict, () => Harness.Store.CreateInboxAsync(loser, folders));

        Assert.Null(await Harness.Store.GetInboxAsync(loser.Id));
        Assert.Empty(await Harness.Store.ListFoldersAsync(loser.Id));
        Assert.Null(await Harness.Store.GetFolderAsync(folders[0].Id));
        Assert.Equal(mailbox.Inbox, await Harness.Store.FindInboxByAddressAsync("alice@example.com"));
        Assert.Empty((await Harness.Store.ListInboxesAsync(other.Id, new PageRequest())).Items);
    }

    [Fact]
    public async Task InboxesListNewestFirstAcrossPagesWithoutGapsOrRepeats()
    {
        var account = await Harness.SeedAccountAsync();
        await Harness.SeedDomainAsync(account, "example.com");
        var other = await Harness.SeedAccountAsync(name: "Other");
        await Harness.SeedDomainAsync(other, "other.example");
        var created = new List<Inbox>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await Harness.SeedInboxAsync(account, $"agent{i}", "example.com")).Inbox);
            await Harness.SeedInboxAsync(other, $"agent{i}", "other.example");
            Harness.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var listed = await StoreFixtures.DrainAsync(page => Harness.Store.ListInboxesAsync(account.Id, page), limit: 3);

        created.Reverse();
        Assert.Equal(created.Select(i => i.Id), listed.Select(i => i.Id));
        Assert.Equal(created, listed);
    }

    [Fact]
    public async Task AnInboxCreatedBetweenPagesIsNotRepeatedOrSkippedBelowTheCursor()
    {
        var account = await Harness.SeedAccountAsync();
        await Harness.SeedDomainAsync(account, "example.com");
        for (var i = 0; i < 4; i++)
        {
            await Harness.SeedInboxAsync(account, $"agent{i}", "example.com");
            Harness.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await Harness.Store.ListInboxesAsync(account.Id, new PageRequest(2));
        await Harness.SeedInboxAsync(account, "late", "example.com");
        var rest = await StoreFixtures.DrainAsync(page => Harness.Store.ListInboxesAsync(account.Id, page), limit: 2, first.NextCursor);

        Assert.Equal(["agent3", "agent2"], first.Items.Select(i => i.LocalPart));
        Assert.Equal(["agent1", "agent0"], rest.Select(i => i.LocalPart));
    }

    [Fact]
    public async Task UpdatingAnInboxReplacesItsDisplayNameAndLimits()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var updated = mailbox.Inbox with { DisplayName = "Support Bot", Limits = new QuotaLimits(100, 10, 5_000_000) };

        await Harness.Store.UpdateInboxAsync(updated);

        Assert.Equal(updated, await Harness.Store.GetInboxAsync(mailbox.Inbox.Id));
        Assert.Equal(updated, await Harness.Store.FindInboxByAddressAsync(mailbox.Inbox.Address));
    }

    [Fact]
    public async Task DeletingAnInboxRemovesEverythingAndReturnsOnlyItsUnsharedBlobs()
    {
        var alice = await Harness.SeedMailboxAsync("alice");
        var bob = await Harness.SeedSiblingAsync(alice, "bob");
        var own = await Harness.AppendAsync(alice);
        var archived = await Harness.AppendAsync(alice, alice.FolderNamed("Archive"));

        // One delivery to both inboxes shares one raw blob: deleting alice must not orphan bob's copy.
        var shared = await Harness.PrepareAsync(alice, alice.InboxFolder);
        var aliceShared = await Harness.Store.AppendAsync(shared);
        var bobShared = await Harness.Store.AppendAsync(shared with
        {
            Id = Ids.New(Ids.Message, Harness.Clock), InboxId = bob.Inbox.Id, FolderId = bob.InboxFolder.Id,
        });

        var orphans = await Harness.Store.DeleteInboxAsync(alice.Inbox.Id);

        Assert.Equal(new[] { own.BlobKey, archived.BlobKey }.Order(StringComparer.Ordinal), orphans.Order(StringComparer.Ordinal));
        Assert.Null(await Harness.Store.GetInboxAsync(alice.Inbox.Id));
        Assert.Null(await Harness.Store.FindInboxByAddressAsync(alice.Inbox.Address));
        Assert.Empty(await Harness.Store.ListFoldersAsync(alice.Inbox.Id));
        Assert.Null(await Harness.Store.GetFolderAsync(alice.InboxFolder.Id));
        Assert.Null(await Harness.Store.GetMessageAsync(own.Id));
        Assert.Null(await Harness.Store.GetMessageAsync(aliceShared.Id));
        Assert.Equal(bobShared.Id, (await Harness.Store.GetMessageAsync(bobShared.Id))?.Id);
        Assert.Equal([bob.Inbox.Id], (await Harness.Store.ListInboxesAsync(alice.AccountId, new PageRequest())).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task ADeletedInboxsAddressCanBeClaimedAgain()
    {
        var mailbox = await Harness.SeedMailboxAsync("alice");
        await Harness.Store.DeleteInboxAsync(mailbox.Inbox.Id);

        var (again, _) = await Harness.SeedInboxAsync(mailbox.Account, "alice", mailbox.Domain.Name);

        Assert.Equal(again, await Harness.Store.FindInboxByAddressAsync("alice@example.com"));
    }
}
