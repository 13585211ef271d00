using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

public abstract partial class BadInputContract
{
    private const MailStoreError TooLarge = MailStoreError.ValueTooLarge;

    [Fact]
    public async Task FolderNamesPastTheLimitAreRefused()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var longest = await Harness.SeedFolderAsync(mailbox, new string('a', ModelLimits.FolderName));

        await StoreFixtures.AssertErrorAsync(TooLarge, () => Harness.SeedFolderAsync(mailbox, new string('b', ModelLimits.FolderName + 1)));
        await StoreFixtures.AssertErrorAsync(TooLarge, () => Harness.Store.RenameFolderAsync(longest.Id, new string('c', ModelLimits.FolderName + 1)));

        // The limit is on the full name: renaming a parent may not push a child past it.
        var parent = await Harness.SeedFolderAsync(mailbox, "p");
        var child = await Harness.SeedFolderAsync(mailbox, "p/" + new string('d', ModelLimits.FolderName - 2));
        await StoreFixtures.AssertErrorAsync(TooLarge, () => Harness.Store.RenameFolderAsync(parent.Id, "parent"));

        Assert.Equal(longest, await Harness.ReloadAsync(longest));
        Assert.Equal(child, await Harness.ReloadAsync(child));
        Assert.Equal(parent, await Harness.ReloadAsync(parent));
        Assert.Equal(9, (await Harness.Store.ListFoldersAsync(mailbox.Inbox.Id)).Count);
    }

    [Fact]
    public async Task KeywordsPastTheLimitsAreRefused()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var longKeyword = new string('k', ModelLimits.Keyword + 1);
        var tooMany = Enumerable.Range(0, ModelLimits.KeywordsPerMessage + 1).Select(i => $"kw{i}").ToList();

        var prepared = await Harness.PrepareAsync(mailbox, mailbox.InboxFolder);
        await StoreFixtures.AssertErrorAsync(TooLarge, () => Harness.Store.AppendAsync(prepared with { Keywords = [longKeyword] }));
        await StoreFixtures.AssertErrorAsync(TooLarge, () => Harness.Store.AppendAsync(prepared with { Keywords = tooMany }));
        Assert.Equal(0, (await Harness.ReloadAsync(mailbox.InboxFolder)).Total);

        var message = await Harness.Store.AppendAsync(prepared with { Keywords = [new string('k', ModelLimits.Keyword)] });
        await StoreFixtures.AssertErrorAsync(TooLarge, () => Harness.Store.UpdateFlagsAsync(message.Id, new FlagChange(MessageFlags.None, MessageFlags.None, [longKeyword], [])));
        await StoreFixtures.AssertErrorAsync(TooLarge, () => Harness.Store.UpdateFlagsAsync(message.Id, new FlagChange(MessageFlags.None, MessageFlags.None, tooMany.Skip(1).ToList(), [])));

        var full = await Harness.Store.UpdateFlagsAsync(message.Id, new FlagChange(MessageFlags.None, MessageFlags.None, tooMany.Skip(2).ToList(), []));
        Assert.Equal(ModelLimits.KeywordsPerMessage, full.Keywords.Count);
        MessageAssert.Same(full, await Harness.Store.GetMessageAsync(message.Id));
    }

    [Fact]
    public async Task DisplayNamesTokenNamesAndIdempotencyKeysPastTheLimitsAreRefused()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var longName = new string('n', ModelLimits.DisplayName + 1);

        var inbox = new Inbox(Ids.New(Ids.Inbox, Harness.Clock), mailbox.AccountId, "named", mailbox.Domain.Name, longName, QuotaLimits.Unlimited, Harness.Now());
        await StoreFixtures.AssertErrorAsync(TooLarge, () => Harness.Store.CreateInboxAsync(inbox, Harness.InboxService().NewSpecialFolders(inbox.Id, Harness.Now())));
        Assert.Null(await Harness.Store.FindInboxByAddressAsync(inbox.Address));
        await StoreFixtures.AssertErrorAsync(TooLarge, () => Harness.Store.UpdateInboxAsync(mailbox.Inbox with { DisplayName = longName }));
        Assert.Equal(mailbox.Inbox, await Harness.Store.GetInboxAsync(mailbox.Inbox.Id));

        var token = new ApiToken(
            Ids.New(Ids.Token, Harness.Clock), mailbox.AccountId, new string('t', ModelLimits.TokenName + 1), null, TokenPermissions.Read,
            TokenFormat.Hash(TokenFormat.Generate()), "sm_abcd", "wxyz", Harness.Now(), null, null, null);
        await StoreFixtures.AssertErrorAsync(TooLarge, () => Harness.Store.CreateTokenAsync(token));
        Assert.Null(await Harness.Store.GetTokenAsync(token.Id));

        var now = Harness.Now();
        var outbound = new OutboundEmail(
            Ids.New(Ids.Outbound, Harness.Clock), mailbox.AccountId, mailbox.Inbox.Id, Ids.New(Ids.Message, Harness.Clock), null, "outbound/x.eml",
            mailbox.Inbox.Address, ["b@remote.example"], OutboundStatus.Queued, null, [], 0, now, now, now, new string('i', ModelLimits.IdempotencyKey + 1));
        await StoreFixtures.AssertErrorAsync(TooLarge, () => Harness.Store.CreateOutboundAsync(outbound));
        Assert.Null(await Harness.Store.GetOutboundAsync(outbound.Id));
    }

    [Fact]
    public async Task AnIdempotencyKeyAtTheLimitWorksEndToEnd()
    {
        using var services = new StoreServices(Harness);
        var mailbox = await Harness.SeedMailboxAsync();
        var principal = new Principal(mailbox.AccountId, Ids.New(Ids.Token, Harness.Clock), null, TokenPermissions.Send);
        var key = new string('i', ModelLimits.IdempotencyKey);

        var first = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(TestMail.Build("alice@example.com", "b@remote.example")), "alice@example.com", ["b@remote.example"], key);
        var again = await services.Outbound.SubmitAsync(principal, mailbox.Inbox, new MemoryStream(TestMail.Build("alice@example.com", "b@remote.example")), "alice@example.com", ["b@remote.example"], key);

        Assert.True(first.Accepted);
        Assert.Equal(first.Outbound!.Id, again.Outbound?.Id);
        Assert.Equal(key, (await Harness.Store.GetOutboundAsync(first.Outbound.Id))?.IdempotencyKey);
    }
}
