using System.Text;
using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

public abstract partial class BadInputContract
{
    public static TheoryData<string> GarbageCursors { get; } =
    [
        "x", "null", "!!!!", "AAAA", "eyJ1aWQiOjV9", Convert.ToBase64String("{\"uid\":5}"u8), Convert.ToBase64String(new byte[64]),
        "%%%%", "../", new string('A', 10_000), "\u0000", "🙂", "c_1", "1",
    ];

    [Theory]
    [MemberData(nameof(GarbageCursors))]
    public async Task CursorsThisStoreNeverIssuedAreInvalid(string cursor)
    {
        var mailbox = await Harness.SeedMailboxAsync();
        for (var i = 0; i < 3; i++)
        {
            await Harness.AppendAsync(mailbox);
        }

        var page = new PageRequest(2, cursor);
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor, () => Harness.Store.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, page));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor, () => Harness.Store.ListInboxesAsync(mailbox.AccountId, page));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor, () => Harness.Store.ListOutboundAsync(mailbox.Inbox.Id, page));
    }

    [Fact]
    public async Task ACursorFromAnotherListingIsInvalid()
    {
        var alice = await Harness.SeedMailboxAsync("alice");
        var bob = await Harness.SeedSiblingAsync(alice, "bob");
        var other = await Harness.SeedMailboxAsync("carol", "other.example");
        foreach (var mailbox in new[] { alice, bob, other })
        {
            for (var i = 0; i < 3; i++)
            {
                await Harness.AppendAsync(mailbox);
                await Harness.AppendAsync(mailbox, mailbox.FolderNamed("Archive"));
            }

            await Harness.SeedInboxAsync(mailbox.Account, mailbox.Inbox.LocalPart + "-extra", mailbox.Domain.Name);
            await Harness.SeedInboxAsync(mailbox.Account, mailbox.Inbox.LocalPart + "-more", mailbox.Domain.Name);
        }

        var messageCursor = (await Harness.Store.ListMessagesAsync(alice.InboxFolder.Id, MessageQuery.All, new PageRequest(1))).NextCursor;
        var inboxCursor = (await Harness.Store.ListInboxesAsync(alice.AccountId, new PageRequest(1))).NextCursor;
        Assert.NotNull(messageCursor);
        Assert.NotNull(inboxCursor);

        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor, () => Harness.Store.ListMessagesAsync(alice.FolderNamed("Archive").Id, MessageQuery.All, new PageRequest(1, messageCursor)));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor, () => Harness.Store.ListMessagesAsync(bob.InboxFolder.Id, MessageQuery.All, new PageRequest(1, messageCursor)));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor, () => Harness.Store.ListMessagesAsync(other.InboxFolder.Id, MessageQuery.All, new PageRequest(1, messageCursor)));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor, () => Harness.Store.ListInboxesAsync(other.AccountId, new PageRequest(1, inboxCursor)));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor, () => Harness.Store.ListMessagesAsync(alice.InboxFolder.Id, MessageQuery.All, new PageRequest(1, inboxCursor)));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor, () => Harness.Store.ListInboxesAsync(alice.AccountId, new PageRequest(1, messageCursor)));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor, () => Harness.Store.ListOutboundAsync(alice.Inbox.Id, new PageRequest(1, messageCursor)));
    }

    [Fact]
    public async Task ATamperedCursorIsInvalidOrMeansExactlyWhatItDidBefore()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        for (var i = 0; i < 6; i++)
        {
            await Harness.AppendAsync(mailbox);
        }

        async Task<uint[]> Uids(string cursor) =>
            (await Harness.Store.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, new PageRequest(2, cursor))).Items.Select(m => m.Uid).ToArray();

        var cursor = (await Harness.Store.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, new PageRequest(2))).NextCursor!;
        var honest = await Uids(cursor);
        var tampered = 0;
        for (var i = 0; i < cursor.Length; i++)
        {
            foreach (var replacement in new[] { 'A', 'z', '0', '_' })
            {
                if (cursor[i] == replacement)
                {
                    continue;
                }

                var forged = cursor[..i] + replacement + cursor[(i + 1)..];
                try
                {
                    // A change that decodes to the same bytes (say, unused bits of a base64 digit) may still work,
                    // but only as the honest cursor did: never a different page.
                    Assert.Equal(honest, await Uids(forged));
                }
                catch (MailStoreException exception) when (exception.Error == MailStoreError.InvalidCursor)
                {
                    tampered++;
                }
            }
        }

        Assert.True(tampered > cursor.Length, $"Only {tampered} of the forged cursors were refused.");
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor, () => Uids(cursor + "A"));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor, () => Uids(cursor[..^2]));
        await StoreFixtures.AssertErrorAsync(MailStoreError.InvalidCursor, () => Uids(Convert.ToBase64String(Encoding.UTF8.GetBytes(cursor))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public async Task PageSizesOutsideTheRangeAreClamped(int limit)
    {
        var mailbox = await Harness.SeedMailboxAsync();
        for (var i = 0; i < 3; i++)
        {
            await Harness.AppendAsync(mailbox);
        }

        var page = await Harness.Store.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, new PageRequest(limit));

        Assert.Equal(Math.Clamp(limit, 1, PageRequest.MaxLimit) >= 3 ? 3 : 1, page.Items.Count);
    }

    public static TheoryData<string?> MalformedTokens { get; } = BuildMalformedTokens();

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public async Task MalformedTokensAreRefusedWithoutALookup(string? secret)
    {
        var tokens = new TokenService(Harness.Store, Harness.Clock);
        var mailbox = await Harness.SeedMailboxAsync();
        await tokens.CreateAsync(null, mailbox.AccountId, "agent", null, TokenPermissions.All, null);

        var check = await tokens.CheckAsync(secret);

        Assert.Equal(TokenStatus.Malformed, check.Status);
        Assert.Null(check.Principal);
        Assert.Null(check.Token);
    }

    private static TheoryData<string?> BuildMalformedTokens()
    {
        var valid = TokenFormat.Generate();
        return
        [
            null, "", " ", "sm_", "Bearer " + valid, valid + " ", " " + valid, valid + "0", valid[..^1], "SM_" + valid[3..], "sk_" + valid[3..],
            valid[..20] + "-" + valid[21..], valid[..20] + "é" + valid[21..], valid[..20] + "٣" + valid[21..], valid.ToUpperInvariant(),
            new string('a', TokenFormat.Length), "sm_" + new string('0', TokenFormat.Length - 3), new string('x', 1_000_000),
        ];
    }
}
