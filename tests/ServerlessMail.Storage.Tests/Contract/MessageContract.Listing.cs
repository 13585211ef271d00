using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

public abstract partial class MessageContract
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, int[]> Queries { get; } = new()
    {
        { "all", [5, 4, 3, 2, 1] },
        { "unread", [5, 3, 2] },
        { "read", [4, 1] },
        { "since day 3", [5, 4, 3] },
        { "before day 3", [2, 1] },
        { "day 3 only", [3] },
        { "from alice", [3, 1] },
        { "from bob", [5, 2] },
        { "to team", [4] },
        { "subject quarterly", [3, 1] },
        { "text in the body", [2] },
        { "text in the subject", [4] },
        { "thread one", [3, 1] },
        { "unread from bob", [5, 2] },
        { "nothing matches", [] },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task ListingsFilterAndRunNewestFirst(string name, int[] expected)
    {
        var (mailbox, messages) = await SeedListingAsync();
        var query = name switch
        {
            "all" => MessageQuery.All,
            "unread" => new MessageQuery(Unread: true),
            "read" => new MessageQuery(Unread: false),
            "since day 3" => new MessageQuery(Since: Day1.AddDays(1.5)),
            "before day 3" => new MessageQuery(Before: Day1.AddDays(1.5)),
            "day 3 only" => new MessageQuery(Since: Day1.AddDays(1.5), Before: Day1.AddDays(2.5)),
            "from alice" => new MessageQuery(From: "alice@REMOTE"),
            "from bob" => new MessageQuery(From: "bob"),
            "to team" => new MessageQuery(To: "team@"),
            "subject quarterly" => new MessageQuery(Subject: "QUARTERLY"),
            "text in the body" => new MessageQuery(Text: "Pizza"),
            "text in the subject" => new MessageQuery(Text: "invoice"),
            "thread one" => new MessageQuery(ThreadId: "thr_one"),
            "unread from bob" => new MessageQuery(Unread: true, From: "bob@other"),
            "nothing matches" => new MessageQuery(Subject: "no such subject"),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var page = await Harness.Store.ListMessagesAsync(mailbox.InboxFolder.Id, query, new PageRequest());

        Assert.Equal(expected.Select(i => messages[i - 1].Id), page.Items.Select(m => m.Id));
        Assert.Null(page.NextCursor);
        foreach (var item in page.Items)
        {
            MessageAssert.Same(messages.Single(m => m.Id == item.Id), item);
        }
    }

    [Fact]
    public async Task PagesRunWithoutGapsOrRepeats()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var appended = new List<StoredMessage>();
        for (var i = 0; i < 10; i++)
        {
            appended.Add(await Harness.AppendAsync(mailbox, flags: i % 3 == 0 ? MessageFlags.Seen : MessageFlags.None));
        }

        await Harness.AppendAsync(mailbox, mailbox.FolderNamed("Archive"));

        foreach (var limit in new[] { 1, 3, 5, 10, 11 })
        {
            var all = await StoreFixtures.DrainAsync(page => Harness.Store.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, page), limit);
            Assert.Equal(appended.Select(m => m.Uid).Reverse(), all.Select(m => m.Uid));
        }

        var unread = await StoreFixtures.DrainAsync(page => Harness.Store.ListMessagesAsync(mailbox.InboxFolder.Id, new MessageQuery(Unread: true), page), limit: 2);
        Assert.Equal(appended.Where(m => m.Flags == MessageFlags.None).Select(m => m.Uid).Reverse(), unread.Select(m => m.Uid));
    }

    [Fact]
    public async Task MessagesArrivingOrLeavingBetweenPagesNeverRepeatOrShiftTheRest()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var appended = new List<StoredMessage>();
        for (var i = 0; i < 6; i++)
        {
            appended.Add(await Harness.AppendAsync(mailbox));
        }

        var first = await Harness.Store.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, new PageRequest(2));
        await Harness.AppendAsync(mailbox);
        await Harness.Store.ExpungeAsync([appended[4].Id, appended[3].Id]);
        var rest = await StoreFixtures.DrainAsync(page => Harness.Store.ListMessagesAsync(mailbox.InboxFolder.Id, MessageQuery.All, page), limit: 2, first.NextCursor);

        Assert.Equal([6u, 5u], first.Items.Select(m => m.Uid));
        Assert.Equal([3u, 2u, 1u], rest.Select(m => m.Uid));
    }

    [Theory]
    [InlineData("ZÜRICH", 1)]
    [InlineData("réunion", 1)]
    [InlineData("100%", 2)]
    [InlineData("a_b", 3)]
    [InlineData("%", 2)]
    [InlineData("_", 3)]
    public async Task TextFiltersAreLiteralAndCaseInsensitiveBeyondAscii(string subject, int expected)
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var subjects = new[] { "Réunion à Zürich", "100% done", "a_b test", "1000 done", "axb test", "Other" };
        var appended = new List<StoredMessage>();
        foreach (var text in subjects)
        {
            appended.Add(await Harness.AppendAsync(mailbox, raw: TestMail.Build(subject: text)));
        }

        var page = await Harness.Store.ListMessagesAsync(mailbox.InboxFolder.Id, new MessageQuery(Subject: subject), new PageRequest());

        Assert.Equal([appended[expected - 1].Id], page.Items.Select(m => m.Id));
    }

    [Fact]
    public async Task SparseMatchesArePagedWithoutLosingAny()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var unread = new List<uint>();
        for (var i = 0; i < 30; i++)
        {
            var message = await Harness.AppendAsync(mailbox, flags: i is 3 or 17 or 18 ? MessageFlags.None : MessageFlags.Seen);
            if (message.Flags == MessageFlags.None)
            {
                unread.Insert(0, message.Uid);
            }
        }

        var found = await StoreFixtures.DrainAsync(page => Harness.Store.ListMessagesAsync(mailbox.InboxFolder.Id, new MessageQuery(Unread: true), page), limit: 1);

        Assert.Equal(unread, found.Select(m => m.Uid));
    }

    [Fact]
    public async Task AnEmptyFolderListsNothing()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        await Harness.AppendAsync(mailbox);

        var page = await Harness.Store.ListMessagesAsync(mailbox.FolderNamed("Junk").Id, MessageQuery.All, new PageRequest());

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    /// <summary>Five messages a day apart; the Date header and the internal date agree, so either may be filtered on.</summary>
    private async Task<(Mailbox Mailbox, List<StoredMessage> Messages)> SeedListingAsync()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var specs = new (string From, string To, string Subject, string Text, MessageFlags Flags, string Thread)[]
        {
            ("alice@remote.example", "alice@example.com", "Quarterly report", "The numbers are attached.", MessageFlags.Seen, "thr_one"),
            ("bob@other.example", "alice@example.com", "Lunch?", "Pizza at noon, my treat.", MessageFlags.None, "thr_two"),
            ("ALICE@remote.example", "alice@example.com", "Re: Quarterly report", "Looks good to me.", MessageFlags.None, "thr_one"),
            ("carol@third.example", "team@example.com", "Invoice 42", "Please pay within 30 days.", MessageFlags.Seen | MessageFlags.Answered, "thr_three"),
            ("bob@other.example", "alice@example.com", "Weekend", "A hiking trip with everyone.", MessageFlags.None, "thr_two"),
        };
        var messages = new List<StoredMessage>();
        for (var i = 0; i < specs.Length; i++)
        {
            var spec = specs[i];
            var date = Day1.AddDays(i);
            var raw = TestMail.Build(spec.From, spec.To, spec.Subject, spec.Text, date);
            messages.Add(await Harness.AppendAsync(mailbox, raw: raw, flags: spec.Flags, threadId: spec.Thread, internalDate: date));
        }

        return (mailbox, messages);
    }

    [Fact]
    public async Task UidRangesListInAscendingOrderUpToTheLimitWithoutExpungedOrMovedMessages()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var messages = new List<StoredMessage>();
        for (var i = 0; i < 6; i++)
        {
            messages.Add(await Harness.AppendAsync(mailbox));
        }

        await Harness.AppendAsync(mailbox, mailbox.FolderNamed("Archive"));
        await Harness.Store.ExpungeAsync([messages[2].Id]);
        await Harness.Store.MoveAsync(messages[3].Id, mailbox.FolderNamed("Archive").Id);
        var folder = mailbox.InboxFolder.Id;

        var range = await Harness.Store.ListContentByUidAsync(folder, 2, 6, 10);
        Assert.Equal([2u, 5u, 6u], range.Select(m => m.Uid));
        Assert.Equal(MessageContent.Of(messages[4]) with { Keywords = range[1].Keywords, Structure = range[1].Structure }, range[1]);
        Assert.Equal(messages[4].Structure.ToArray(), range[1].Structure.ToArray());
        Assert.Equal([1u, 2u], (await Harness.Store.ListContentByUidAsync(folder, 1, 6, 2)).Select(m => m.Uid));
        Assert.Equal([6u], (await Harness.Store.ListContentByUidAsync(folder, 6, uint.MaxValue, 10)).Select(m => m.Uid));
        Assert.Empty(await Harness.Store.ListContentByUidAsync(folder, 3, 4, 10));
        Assert.Empty(await Harness.Store.ListContentByUidAsync(folder, 5, 4, 10));
        Assert.Empty(await Harness.Store.ListContentByUidAsync("fld_missing", 1, 10, 10));
        Assert.Equal([1u, 2u], (await Harness.Store.ListContentByUidAsync(mailbox.FolderNamed("Archive").Id, 1, 9, 10)).Select(m => m.Uid));
    }
}
