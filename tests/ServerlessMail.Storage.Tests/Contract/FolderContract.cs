using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>IFolderStore: special folders, the hierarchy, INBOX's name rules, subscriptions and \Recent.</summary>
public abstract class FolderContract : StoreContract
{
    [Fact]
    public async Task ANewInboxHasItsSpecialFoldersEmptyAndSubscribed()
    {
        var mailbox = await Harness.SeedMailboxAsync();

        var folders = await Harness.Store.ListFoldersAsync(mailbox.Inbox.Id);

        Assert.Equal(["Archive", "Drafts", "INBOX", "Junk", "Sent", "Trash"], folders.Select(f => f.Name));
        foreach (var (name, use) in Folder.SpecialFolders)
        {
            var folder = folders.Single(f => f.Name == name);
            Assert.Equal(use, folder.SpecialUse);
            Assert.Equal((1u, 0ul, 0, 0, 1u, true), (folder.UidNext, folder.HighestModSeq, folder.Total, folder.Unseen, folder.FirstRecentUid, folder.Subscribed));
            Assert.Equal(mailbox.FolderNamed(name), await Harness.Store.GetFolderAsync(folder.Id));
        }

        Assert.Equal(6, folders.Select(f => f.UidValidity).Distinct().Count());
    }

    [Theory]
    [InlineData("INBOX")]
    [InlineData("inbox")]
    [InlineData("Inbox")]
    [InlineData("iNbOx")]
    public async Task InboxIsFoundInAnyCase(string name)
    {
        var mailbox = await Harness.SeedMailboxAsync();

        Assert.Equal(mailbox.InboxFolder, await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, name));
    }

    [Fact]
    public async Task OtherNamesAreFoundExactly()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var projects = await Harness.SeedFolderAsync(mailbox, "Projects");

        Assert.Equal(mailbox.FolderNamed("Sent"), await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "Sent"));
        Assert.Equal(projects, await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "Projects"));
        Assert.Null(await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "sent"));
        Assert.Null(await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "projects"));
        Assert.Null(await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "Project"));
    }

    [Fact]
    public async Task FoldersAreFoundOnlyInTheirOwnInbox()
    {
        var alice = await Harness.SeedMailboxAsync("alice");
        var bob = await Harness.SeedSiblingAsync(alice, "bob");
        await Harness.SeedFolderAsync(alice, "Private");

        Assert.Null(await Harness.Store.FindFolderAsync(bob.Inbox.Id, "Private"));
        Assert.Equal(bob.InboxFolder, await Harness.Store.FindFolderAsync(bob.Inbox.Id, "INBOX"));
    }

    [Fact]
    public async Task CreatedFoldersListInNameOrder()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var b = await Harness.SeedFolderAsync(mailbox, "Projects/2026");
        var a = await Harness.SeedFolderAsync(mailbox, "Projects");
        var c = await Harness.SeedFolderAsync(mailbox, "Receipts");

        var folders = await Harness.Store.ListFoldersAsync(mailbox.Inbox.Id);

        Assert.Equal(["Archive", "Drafts", "INBOX", "Junk", "Projects", "Projects/2026", "Receipts", "Sent", "Trash"], folders.Select(f => f.Name));
        Assert.Equal(a, folders.Single(f => f.Id == a.Id));
        Assert.Equal(b, await Harness.Store.GetFolderAsync(b.Id));
        Assert.Equal(c, await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "Receipts"));
    }

    [Theory]
    [InlineData("Projects")]
    [InlineData("Sent")]
    [InlineData("INBOX")]
    [InlineData("inbox")]
    [InlineData("Inbox")]
    public async Task ATakenNameIsAConflict(string name)
    {
        var mailbox = await Harness.SeedMailboxAsync();
        await Harness.SeedFolderAsync(mailbox, "Projects");

        await StoreFixtures.AssertErrorAsync(MailStoreError.Conflict, () => Harness.SeedFolderAsync(mailbox, name));

        Assert.Equal(7, (await Harness.Store.ListFoldersAsync(mailbox.Inbox.Id)).Count);
    }

    [Fact]
    public async Task NamesDifferingInCaseAreDifferentFoldersExceptInbox()
    {
        var mailbox = await Harness.SeedMailboxAsync();

        var sent = await Harness.SeedFolderAsync(mailbox, "sent");

        Assert.Equal(sent, await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "sent"));
        Assert.Equal(mailbox.FolderNamed("Sent"), await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "Sent"));
    }

    [Fact]
    public async Task NonAsciiNamesAreStoredAndFoundExactly()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var summer = await Harness.SeedFolderAsync(mailbox, "Été/Données");
        var japanese = await Harness.SeedFolderAsync(mailbox, "受信箱");

        Assert.Equal(summer, await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "Été/Données"));
        Assert.Equal(japanese, await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "受信箱"));
        Assert.Null(await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "été/données"));
        Assert.Null(await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "Ete/Donnees"));
        var created = await Harness.SeedFolderAsync(mailbox, "été/données");
        Assert.NotEqual(summer.Id, created.Id);
    }

    [Fact]
    public async Task RenamingMovesDescendantsAndKeepsIdsUidValidityAndMessages()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var parent = await Harness.SeedFolderAsync(mailbox, "Work");
        var child = await Harness.SeedFolderAsync(mailbox, "Work/2026");
        var grandchild = await Harness.SeedFolderAsync(mailbox, "Work/2026/Q4");
        var lookalike = await Harness.SeedFolderAsync(mailbox, "Workshop");
        var message = await Harness.AppendAsync(mailbox, child);

        await Harness.Store.RenameFolderAsync(parent.Id, "Jobs");

        Assert.Equal(parent with { Name = "Jobs" }, await Harness.Store.GetFolderAsync(parent.Id));
        var renamedChild = await Harness.ReloadAsync(child);
        Assert.Equal(("Jobs/2026", child.UidValidity, 1, 2u), (renamedChild.Name, renamedChild.UidValidity, renamedChild.Total, renamedChild.UidNext));
        Assert.Equal("Jobs/2026/Q4", (await Harness.ReloadAsync(grandchild)).Name);
        Assert.Equal(lookalike, await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "Workshop"));
        Assert.Null(await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "Work"));
        Assert.Null(await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "Work/2026"));
        Assert.Equal(child.Id, (await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "Jobs/2026"))?.Id);
        var moved = await Harness.Store.GetMessageByUidAsync(child.Id, message.Uid);
        Assert.Equal(message.Id, moved?.Id);
    }

    [Fact]
    public async Task RenamingOntoATakenNameIsAConflictAndChangesNothing()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var work = await Harness.SeedFolderAsync(mailbox, "Work");
        var child = await Harness.SeedFolderAsync(mailbox, "Work/Old");
        var taken = await Harness.SeedFolderAsync(mailbox, "Jobs");

        await StoreFixtures.AssertErrorAsync(MailStoreError.Conflict, () => Harness.Store.RenameFolderAsync(work.Id, "Jobs"));
        await StoreFixtures.AssertErrorAsync(MailStoreError.Conflict, () => Harness.Store.RenameFolderAsync(work.Id, "Sent"));

        Assert.Equal(work, await Harness.ReloadAsync(work));
        Assert.Equal(child, await Harness.ReloadAsync(child));
        Assert.Equal(taken, await Harness.ReloadAsync(taken));
    }

    [Fact]
    public async Task RenamingInboxIsRefusedAndChangesNothing()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var child = await Harness.SeedFolderAsync(mailbox, "INBOX/Filed");
        var message = await Harness.AppendAsync(mailbox);
        var inbox = await Harness.ReloadAsync(mailbox.InboxFolder);

        // RFC 3501 §6.3.5 would move INBOX's messages to a new folder and leave INBOX empty; neither store offers
        // that, both refuse alike (the IMAP layer answers NO [CANNOT]).
        var refused = await Assert.ThrowsAsync<MailStoreException>(() => Harness.Store.RenameFolderAsync(inbox.Id, "Old Mail"));

        Assert.Equal(MailStoreError.NotAllowed, refused.Error);
        Assert.Contains("INBOX", refused.Message, StringComparison.Ordinal);
        Assert.Equal(inbox, await Harness.ReloadAsync(inbox));
        Assert.Equal(child, await Harness.ReloadAsync(child));
        Assert.Null(await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "Old Mail"));
        Assert.Equal(message.Id, (await Harness.Store.GetMessageByUidAsync(inbox.Id, message.Uid))?.Id);

        // Nor can another folder take its name, in any case (RFC 3501 §5.1).
        await StoreFixtures.AssertErrorAsync(MailStoreError.Conflict, () => Harness.Store.RenameFolderAsync(child.Id, "inbox"));
        Assert.Equal(child, await Harness.ReloadAsync(child));
    }

    [Fact]
    public async Task DeletingAFolderRemovesItsMessagesAndReturnsTheirUnsharedBlobs()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var folder = await Harness.SeedFolderAsync(mailbox, "Old");
        var only = await Harness.AppendAsync(mailbox, folder);
        var shared = await Harness.AppendAsync(mailbox, folder);
        var copy = await Harness.Store.CopyAsync(shared.Id, mailbox.InboxFolder.Id);

        var orphans = await Harness.Store.DeleteFolderAsync(folder.Id);

        Assert.Equal([only.BlobKey], orphans);
        Assert.Null(await Harness.Store.GetFolderAsync(folder.Id));
        Assert.Null(await Harness.Store.FindFolderAsync(mailbox.Inbox.Id, "Old"));
        Assert.Null(await Harness.Store.GetMessageAsync(only.Id));
        Assert.Null(await Harness.Store.GetMessageAsync(shared.Id));
        Assert.Equal(shared.BlobKey, (await Harness.Store.GetMessageAsync(copy.Id))?.BlobKey);
        Assert.DoesNotContain(await Harness.Store.ListFoldersAsync(mailbox.Inbox.Id), f => f.Id == folder.Id);
    }

    [Fact]
    public async Task AFolderCreatedAgainAfterDeletionGetsANewUidValidity()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var first = await Harness.SeedFolderAsync(mailbox, "Temp");
        await Harness.Store.DeleteFolderAsync(first.Id);

        var second = await Harness.SeedFolderAsync(mailbox, "Temp");

        Assert.NotEqual(first.UidValidity, (await Harness.ReloadAsync(second)).UidValidity);
    }

    [Fact]
    public async Task SubscriptionIsStored()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var folder = await Harness.SeedFolderAsync(mailbox, "Lists");

        await Harness.Store.SetSubscribedAsync(folder.Id, false);
        Assert.False((await Harness.ReloadAsync(folder)).Subscribed);

        await Harness.Store.SetSubscribedAsync(folder.Id, true);
        Assert.Equal(folder, await Harness.ReloadAsync(folder));
    }

    [Fact]
    public async Task ClaimingRecentHandsEachMessageToOneSession()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var folder = mailbox.InboxFolder;
        await Harness.AppendAsync(mailbox);
        await Harness.AppendAsync(mailbox);

        Assert.Equal(1u, await Harness.Store.ClaimRecentAsync(folder.Id));
        Assert.Equal(3u, (await Harness.ReloadAsync(folder)).FirstRecentUid);
        Assert.Equal(3u, await Harness.Store.ClaimRecentAsync(folder.Id));

        await Harness.AppendAsync(mailbox);
        Assert.Equal(3u, await Harness.Store.ClaimRecentAsync(folder.Id));
        Assert.Equal(4u, (await Harness.ReloadAsync(folder)).FirstRecentUid);
    }

    [Fact]
    public async Task ConcurrentClaimsNeverShareARecentMessage()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        for (var i = 0; i < 3; i++)
        {
            await Harness.AppendAsync(mailbox);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Harness.Store.ClaimRecentAsync(mailbox.InboxFolder.Id))));

        // Exactly one session got the old FirstRecentUid (1); every other one got UIDNEXT (4), which holds no message yet.
        Assert.Equal(1, claims.Count(c => c == 1));
        Assert.Equal(7, claims.Count(c => c == 4));
    }

    [Fact]
    public async Task UidValidityNeverChangesThroughTheFoldersLife()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var folder = await Harness.SeedFolderAsync(mailbox, "Work");
        var message = await Harness.AppendAsync(mailbox, folder);
        await Harness.Store.UpdateFlagsAsync(message.Id, FlagChange.Set(MessageFlags.Seen));
        await Harness.Store.RenameFolderAsync(folder.Id, "Jobs");
        await Harness.Store.MoveAsync(message.Id, mailbox.InboxFolder.Id);
        await Harness.Store.SetSubscribedAsync(folder.Id, false);
        await Harness.Store.ClaimRecentAsync(folder.Id);

        Assert.Equal(folder.UidValidity, (await Harness.ReloadAsync(folder)).UidValidity);
        Assert.Equal(mailbox.InboxFolder.UidValidity, (await Harness.ReloadAsync(mailbox.InboxFolder)).UidValidity);
    }
}
