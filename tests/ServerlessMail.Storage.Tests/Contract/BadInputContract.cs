using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>Unknown ids, oversized values, bad cursors and malformed tokens: typed answers, never a crash or a wrong answer.</summary>
public abstract partial class BadInputContract : StoreContract
{
    public static TheoryData<string> StrangeIds { get; } =
    [
        "", " ", "msg_", "msg_0000000000000000000000000", "../../etc/passwd", "inb_'; DROP TABLE messages; --",
        "fld_\u0000", "ünïcödé_id", new string('x', 5_000), "PK#acc_1", "acc_1|SK", "%s%n", "{\"id\":1}",
    ];

    [Theory]
    [MemberData(nameof(StrangeIds))]
    public async Task UnknownOrStrangeIdsReadAsNull(string id)
    {
        await Harness.SeedMailboxAsync();

        Assert.Null(await Harness.Store.GetAccountAsync(id));
        Assert.Null(await Harness.Store.GetDomainAsync(id));
        Assert.Null(await Harness.Store.GetInboxAsync(id));
        Assert.Null(await Harness.Store.FindInboxByAddressAsync(id));
        Assert.Null(await Harness.Store.GetFolderAsync(id));
        Assert.Null(await Harness.Store.GetMessageAsync(id));
        Assert.Null(await Harness.Store.GetMessageByUidAsync(id, 1));
        Assert.Null(await Harness.Store.GetTokenAsync(id));
        Assert.Null(await Harness.Store.GetAcceptedAsync(id));
        Assert.Null(await Harness.Store.GetOutboundAsync(id));
        Assert.Null(await Harness.Store.FindOutboundByProviderIdAsync(id));
        Assert.Null(await Harness.Store.FindThreadBySubjectAsync(id, id, Harness.Now().AddDays(-1)));
        Assert.Null(await Harness.Store.FindThreadByMessageIdsAsync(id, [id]));
        Assert.Empty(await Harness.Store.ListDomainsAsync(id));
        Assert.Empty(await Harness.Store.ListTokensAsync(id));
        Assert.Empty(await Harness.Store.ListThreadAsync(id, id));
        Assert.Empty(await Harness.Store.ListStatesAsync(id));
        Assert.Empty(await Harness.Store.ExpungeAsync([id]));
        Assert.Equal(0, await Harness.Store.GetCounterAsync(id));
        await EmptyOrNotFoundAsync(() => Harness.Store.ListFoldersAsync(id));
        await EmptyOrNotFoundAsync(async () => (await Harness.Store.ListInboxesAsync(id, new PageRequest())).Items);
        await EmptyOrNotFoundAsync(async () => (await Harness.Store.ListMessagesAsync(id, MessageQuery.All, new PageRequest())).Items);
        await EmptyOrNotFoundAsync(async () => (await Harness.Store.ListOutboundAsync(id, new PageRequest())).Items);
    }

    [Fact]
    public async Task ChangingWhatDoesNotExistIsNotFound()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var message = await Harness.PrepareAsync(mailbox, mailbox.InboxFolder);
        var missingMessage = Ids.New(Ids.Message, Harness.Clock);
        var missingFolder = Ids.New(Ids.Folder, Harness.Clock);
        var notFound = MailStoreError.NotFound;

        await StoreFixtures.AssertErrorAsync(notFound, () => Harness.Store.UpdateFlagsAsync(missingMessage, FlagChange.Set(MessageFlags.Seen)));
        await StoreFixtures.AssertErrorAsync(notFound, () => Harness.Store.MoveAsync(missingMessage, mailbox.InboxFolder.Id));
        await StoreFixtures.AssertErrorAsync(notFound, () => Harness.Store.CopyAsync(missingMessage, mailbox.InboxFolder.Id));
        await StoreFixtures.AssertErrorAsync(notFound, () => Harness.Store.GetChangesAsync(missingFolder, 0));
        await StoreFixtures.AssertErrorAsync(notFound, () => Harness.Store.ClaimRecentAsync(missingFolder));
        await StoreFixtures.AssertErrorAsync(notFound, () => Harness.Store.RenameFolderAsync(missingFolder, "Elsewhere"));
        await StoreFixtures.AssertErrorAsync(notFound, () => Harness.Store.AppendAsync(message with { FolderId = missingFolder }));

        var stored = await Harness.Store.AppendAsync(message);
        await StoreFixtures.AssertErrorAsync(notFound, () => Harness.Store.MoveAsync(stored.Id, missingFolder));
        await StoreFixtures.AssertErrorAsync(notFound, () => Harness.Store.CopyAsync(stored.Id, missingFolder));
        MessageAssert.Same(stored, await Harness.Store.GetMessageAsync(stored.Id));
        Assert.Equal(1, (await Harness.ReloadAsync(mailbox.InboxFolder)).Total);
    }

    [Fact]
    public async Task RemovingOrTouchingWhatDoesNotExistChangesNothing()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var missingInbox = Ids.New(Ids.Inbox, Harness.Clock);
        var missingFolder = Ids.New(Ids.Folder, Harness.Clock);
        var missingToken = Ids.New(Ids.Token, Harness.Clock);

        await NothingOrNotFoundAsync(() => Harness.Store.DeleteInboxAsync(missingInbox));
        await NothingOrNotFoundAsync(() => Harness.Store.DeleteFolderAsync(missingFolder));
        await NothingOrNotFoundAsync(() => Harness.Store.SetSubscribedAsync(missingFolder, false));
        await NothingOrNotFoundAsync(() => Harness.Store.RevokeTokenAsync(missingToken, Harness.Now()));
        await NothingOrNotFoundAsync(() => Harness.Store.TouchTokenAsync(missingToken, Harness.Now()));

        Assert.Null(await Harness.Store.GetInboxAsync(missingInbox));
        Assert.Null(await Harness.Store.GetFolderAsync(missingFolder));
        Assert.Null(await Harness.Store.GetTokenAsync(missingToken));
        Assert.Equal(6, (await Harness.Store.ListFoldersAsync(mailbox.Inbox.Id)).Count);
    }

    [Fact]
    public async Task MovingOrCopyingIntoAnotherInboxIsRefused()
    {
        var alice = await Harness.SeedMailboxAsync("alice");
        var bob = await Harness.SeedSiblingAsync(alice, "bob");
        var message = await Harness.AppendAsync(alice);

        await Assert.ThrowsAsync<MailStoreException>(() => Harness.Store.MoveAsync(message.Id, bob.InboxFolder.Id));
        await Assert.ThrowsAsync<MailStoreException>(() => Harness.Store.CopyAsync(message.Id, bob.InboxFolder.Id));

        MessageAssert.Same(message, await Harness.Store.GetMessageAsync(message.Id));
        Assert.Equal(0, (await Harness.ReloadAsync(bob.InboxFolder)).Total);
    }

    private static async Task EmptyOrNotFoundAsync<T>(Func<Task<IReadOnlyList<T>>> list)
    {
        try
        {
            Assert.Empty(await list());
        }
        catch (MailStoreException exception)
        {
            Assert.Equal(MailStoreError.NotFound, exception.Error);
        }
    }

    private static async Task NothingOrNotFoundAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (MailStoreException exception)
        {
            Assert.Equal(MailStoreError.NotFound, exception.Error);
        }
    }
}
