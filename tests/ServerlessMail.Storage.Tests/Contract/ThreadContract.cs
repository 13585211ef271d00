using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>IThreadIndex lookups, and threading through <see cref="ThreadResolver"/> on top of them.</summary>
public abstract class ThreadContract : StoreContract
{
    [Fact]
    public async Task MessageIdsFindTheThreadOfTheFirstOneSeen()
    {
        var account = await Harness.SeedAccountAsync();
        var other = await Harness.SeedAccountAsync(name: "Other");
        await Harness.Store.RecordThreadAsync(account.Id, "a@x", "k1", "thr_a", Harness.Now());
        await Harness.Store.RecordThreadAsync(account.Id, "b@x", "k2", "thr_b", Harness.Now());

        Assert.Equal("thr_a", await Harness.Store.FindThreadByMessageIdsAsync(account.Id, ["a@x"]));
        Assert.Equal("thr_b", await Harness.Store.FindThreadByMessageIdsAsync(account.Id, ["unknown@x", "b@x", "a@x"]));
        Assert.Equal("thr_a", await Harness.Store.FindThreadByMessageIdsAsync(account.Id, ["a@x", "b@x"]));
        Assert.Null(await Harness.Store.FindThreadByMessageIdsAsync(account.Id, ["unknown@x"]));
        Assert.Null(await Harness.Store.FindThreadByMessageIdsAsync(account.Id, []));
        Assert.Null(await Harness.Store.FindThreadByMessageIdsAsync(other.Id, ["a@x"]));
    }

    [Fact]
    public async Task ASubjectFindsItsLatestThreadWithinTheWindow()
    {
        var account = await Harness.SeedAccountAsync();
        var start = Harness.Now();
        await Harness.Store.RecordThreadAsync(account.Id, "1@x", "subject", "thr_old", start);
        await Harness.Store.RecordThreadAsync(account.Id, "2@x", "subject", "thr_new", start.AddDays(3));
        await Harness.Store.RecordThreadAsync(account.Id, null, "other", "thr_other", start.AddDays(4));

        Assert.Equal("thr_new", await Harness.Store.FindThreadBySubjectAsync(account.Id, "subject", start));
        Assert.Equal("thr_new", await Harness.Store.FindThreadBySubjectAsync(account.Id, "subject", start.AddDays(3)));
        Assert.Null(await Harness.Store.FindThreadBySubjectAsync(account.Id, "subject", start.AddDays(3).AddSeconds(1)));
        Assert.Equal("thr_other", await Harness.Store.FindThreadBySubjectAsync(account.Id, "other", start));
        Assert.Null(await Harness.Store.FindThreadBySubjectAsync(account.Id, "missing", start));
        Assert.Null(await Harness.Store.FindThreadBySubjectAsync((await Harness.SeedAccountAsync(name: "Other")).Id, "subject", start));
    }

    [Fact]
    public async Task RepliesJoinTheirParentsThreadByReferencesThenInReplyTo()
    {
        var account = await Harness.SeedAccountAsync();
        var threads = new ThreadResolver(Harness.Store, Harness.Clock);
        var now = Harness.Now();

        var root = await threads.ResolveAsync(account.Id, TestMail.Summary("Plans", "root@x"), now);
        var byReferences = await threads.ResolveAsync(account.Id, TestMail.Summary("Something else", "r1@x", references: ["root@x"]), now);
        var byInReplyTo = await threads.ResolveAsync(account.Id, TestMail.Summary("Different", "r2@x", inReplyTo: ["r1@x"]), now);
        var unrelated = await threads.ResolveAsync(account.Id, TestMail.Summary("Unrelated", "u@x"), now);

        Assert.Equal(root, byReferences);
        Assert.Equal(root, byInReplyTo);
        Assert.NotEqual(root, unrelated);
    }

    [Fact]
    public async Task ReferencesWinOverInReplyToAndSubject()
    {
        var account = await Harness.SeedAccountAsync();
        var threads = new ThreadResolver(Harness.Store, Harness.Clock);
        var now = Harness.Now();
        var first = await threads.ResolveAsync(account.Id, TestMail.Summary("First", "first@x"), now);
        var second = await threads.ResolveAsync(account.Id, TestMail.Summary("Second", "second@x"), now);

        var reply = await threads.ResolveAsync(account.Id, TestMail.Summary("Re: Second", "reply@x", references: ["first@x"], inReplyTo: ["second@x"]), now);

        Assert.Equal(first, reply);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task ASubjectThreadsOnlyWithinTheWindow()
    {
        var account = await Harness.SeedAccountAsync();
        var threads = new ThreadResolver(Harness.Store, Harness.Clock);
        var start = Harness.Now();

        var original = await threads.ResolveAsync(account.Id, TestMail.Summary("Weekly sync", "w1@x"), start);
        var reply = await threads.ResolveAsync(account.Id, TestMail.Summary("RE: Fwd:  weekly   SYNC", "w2@x"), start.AddDays(6));
        var muchLater = await threads.ResolveAsync(account.Id, TestMail.Summary("Weekly sync", "w3@x"), start.AddDays(6) + ThreadResolver.SubjectWindow + TimeSpan.FromMinutes(1));

        Assert.Equal(original, reply);
        Assert.NotEqual(original, muchLater);
    }

    [Fact]
    public async Task ThreadsNeverCrossAccounts()
    {
        var acme = await Harness.SeedAccountAsync();
        var other = await Harness.SeedAccountAsync(name: "Other");
        var threads = new ThreadResolver(Harness.Store, Harness.Clock);
        var now = Harness.Now();

        var mine = await threads.ResolveAsync(acme.Id, TestMail.Summary("Secret plan", "s@x"), now);
        var theirs = await threads.ResolveAsync(other.Id, TestMail.Summary("Re: Secret plan", "t@x", references: ["s@x"]), now);

        Assert.NotEqual(mine, theirs);
    }

    [Fact]
    public async Task RepliesArrivingBeforeTheirParentStillThreadTogether()
    {
        var account = await Harness.SeedAccountAsync();
        var threads = new ThreadResolver(Harness.Store, Harness.Clock);
        var now = Harness.Now();

        var second = await threads.ResolveAsync(account.Id, TestMail.Summary("Re: Launch", "c@x", references: ["a@x", "b@x"]), now);
        var first = await threads.ResolveAsync(account.Id, TestMail.Summary("Re: Launch", "b@x", references: ["a@x"]), now);
        var root = await threads.ResolveAsync(account.Id, TestMail.Summary("Launch", "a@x"), now);

        Assert.Equal(second, first);
        Assert.Equal(second, root);
    }

    [Fact]
    public async Task AParentWithAnotherSubjectArrivingAfterItsReplyJoinsTheReplysThread()
    {
        var account = await Harness.SeedAccountAsync();
        var threads = new ThreadResolver(Harness.Store, Harness.Clock);
        var now = Harness.Now();

        var reply = await threads.ResolveAsync(account.Id, TestMail.Summary("Changed the subject", "reply@x", inReplyTo: ["parent@x"]), now);
        var parent = await threads.ResolveAsync(account.Id, TestMail.Summary("Original", "parent@x"), now);

        Assert.Equal(reply, parent);
    }

    [Fact]
    public async Task TheSameMessageDeliveredTwiceKeepsItsThread()
    {
        var account = await Harness.SeedAccountAsync();
        var threads = new ThreadResolver(Harness.Store, Harness.Clock);
        var now = Harness.Now();

        var once = await threads.ResolveAsync(account.Id, TestMail.Summary(null, "same@x"), now);
        var twice = await threads.ResolveAsync(account.Id, TestMail.Summary(null, "same@x"), now);

        Assert.Equal(once, twice);
    }

    [Fact]
    public async Task ThreadsOfDeliveredMessagesListOldestFirst()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var first = await Harness.AppendAsync(mailbox, threadId: "thr_t", internalDate: Harness.Now());
        var other = await Harness.AppendAsync(mailbox, threadId: "thr_u");
        Harness.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await Harness.AppendAsync(mailbox, mailbox.FolderNamed("Archive"), threadId: "thr_t", internalDate: Harness.Now());

        var thread = await Harness.Store.ListThreadAsync(mailbox.AccountId, "thr_t");

        Assert.Equal([first.Id, second.Id], thread.Select(m => m.Id));
        Assert.DoesNotContain(thread, m => m.Id == other.Id);
        Assert.Empty(await Harness.Store.ListThreadAsync((await Harness.SeedAccountAsync(name: "Other")).Id, "thr_t"));
    }
}
