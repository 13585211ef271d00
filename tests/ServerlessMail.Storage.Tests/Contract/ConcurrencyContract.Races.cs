using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

public abstract partial class ConcurrencyContract
{
    private const int Rounds = 8;

    [Fact]
    public async Task ConcurrentAppendsNeverOvershootTheStoredBytesLimit()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var prepared = new List<NewMessage>();
        for (var i = 0; i < 20; i++)
        {
            prepared.Add(await Harness.PrepareAsync(mailbox, mailbox.InboxFolder));
        }

        var size = prepared[0].Size;
        var limit = new StorageLimit(InboxBytes: 5 * size, AccountBytes: null);
        var outcomes = await Task.WhenAll(prepared.Select(m => Task.Run(async () =>
        {
            try
            {
                await Harness.Store.AppendAsync(m with { Size = size, Limit = limit });
                return true;
            }
            catch (MailStoreException exception) when (exception.Error == MailStoreError.OverQuota)
            {
                return false;
            }
        })));

        Assert.Equal(5, outcomes.Count(o => o));
        Assert.Equal(5, (await Harness.ReloadAsync(mailbox.InboxFolder)).Total);
        Assert.Equal((5 * size, 5 * size), await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id));
    }

    [Fact]
    public async Task TwentyConcurrentSendsFromTwoInboxesNeverPassTheAccountOrInboxLimits()
    {
        var alice = await Harness.SeedMailboxAsync(accountLimits: new QuotaLimits(SendsPerDay: 10, null, null), inboxLimits: new QuotaLimits(SendsPerDay: 7, null, null));
        var bob = await Harness.SeedSiblingAsync(alice, "bob", new QuotaLimits(SendsPerDay: 7, null, null));
        var quotas = new QuotaService(Harness.Store, Harness.Clock);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var inbox = i % 2 == 0 ? alice.Inbox : bob.Inbox;
            return (inbox.Id, (await quotas.ReserveSendAsync(alice.Account, inbox, 1, null)).Allowed);
        })));

        Assert.Equal(10, decisions.Count(d => d.Allowed));
        Assert.True(decisions.Count(d => d.Allowed && d.Id == alice.Inbox.Id) <= 7);
        Assert.True(decisions.Count(d => d.Allowed && d.Id == bob.Inbox.Id) <= 7);
        Assert.False((await quotas.ReserveSendAsync(alice.Account, bob.Inbox, 1, null)).Allowed);
    }

    [Fact]
    public async Task AFlagChangeRacingAnExpungeNeverBringsTheMessageBack()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var message = await Harness.AppendAsync(mailbox);

            await Task.WhenAll(
                Task.Run(() => Harness.Store.ExpungeAsync([message.Id])),
                Task.Run(() => Tolerate(() => Harness.Store.UpdateFlagsAsync(message.Id, FlagChange.Set(MessageFlags.Seen)), MailStoreError.NotFound, MailStoreError.Conflict)));

            Assert.Null(await Harness.Store.GetMessageAsync(message.Id));
        }

        var folder = await Harness.ReloadAsync(mailbox.InboxFolder);
        Assert.Equal((0, 0), (folder.Total, folder.Unseen));
        Assert.Empty(await Harness.Store.ListStatesAsync(folder.Id));
        Assert.Equal((0L, 0L), await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id));
    }

    [Fact]
    public async Task TwoMovesOfOneMessageLeaveItInExactlyOneFolder()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        var archive = mailbox.FolderNamed("Archive");
        var trash = mailbox.FolderNamed("Trash");
        for (var round = 0; round < Rounds; round++)
        {
            var message = await Harness.AppendAsync(mailbox);

            await Task.WhenAll(
                Task.Run(() => Tolerate(() => Harness.Store.MoveAsync(message.Id, archive.Id), MailStoreError.NotFound, MailStoreError.Conflict)),
                Task.Run(() => Tolerate(() => Harness.Store.MoveAsync(message.Id, trash.Id), MailStoreError.NotFound, MailStoreError.Conflict)));

            var stored = await Harness.Store.GetMessageAsync(message.Id);
            Assert.NotNull(stored);
            var holders = new List<string>();
            foreach (var folder in new[] { mailbox.InboxFolder, archive, trash })
            {
                holders.AddRange((await Harness.Store.ListStatesAsync(folder.Id)).Where(s => s.MessageId == message.Id).Select(_ => folder.Id));
            }

            Assert.Equal([stored.FolderId], holders);
        }

        var totals = 0;
        foreach (var folder in new[] { mailbox.InboxFolder, archive, trash })
        {
            var reloaded = await Harness.ReloadAsync(folder);
            Assert.Equal((await Harness.Store.ListStatesAsync(folder.Id)).Count, reloaded.Total);
            totals += reloaded.Total;
        }

        Assert.Equal(Rounds, totals);
    }

    [Fact]
    public async Task ACopyRacingAnExpungeNeverLetsTheBlobBePurgedWhileReferenced()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var message = await Harness.AppendAsync(mailbox);

            var copying = Task.Run(() => Tolerate(() => Harness.Store.CopyAsync(message.Id, mailbox.FolderNamed("Archive").Id), MailStoreError.NotFound, MailStoreError.Conflict));
            var expunging = Task.Run(() => Harness.Store.ExpungeAsync([message.Id]));
            var copy = await copying;
            var orphans = await expunging;

            if (copy is not null)
            {
                Assert.DoesNotContain(message.BlobKey, orphans);
                Assert.Equal(message.BlobKey, (await Harness.Store.GetMessageAsync(copy.Id))?.BlobKey);
            }
            else
            {
                Assert.Equal([message.BlobKey], orphans);
            }
        }
    }

    [Fact]
    public async Task ExpungingTwoHoldersOfABlobAtOnceNeverLeaksIt()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var message = await Harness.AppendAsync(mailbox);
            var copy = await Harness.Store.CopyAsync(message.Id, mailbox.FolderNamed("Archive").Id);

            var results = await Task.WhenAll(
                Task.Run(() => Harness.Store.ExpungeAsync([message.Id])),
                Task.Run(() => Harness.Store.ExpungeAsync([copy.Id])));

            Assert.Contains(message.BlobKey, results.SelectMany(r => r));
        }
    }

    [Fact]
    public async Task AnAppendRacingItsFoldersDeletionLeavesNoStrayMessage()
    {
        var mailbox = await Harness.SeedMailboxAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var folder = await Harness.SeedFolderAsync(mailbox, $"Doomed{round}");
            var message = await Harness.PrepareAsync(mailbox, folder);

            var appending = Task.Run(() => Tolerate(() => Harness.Store.AppendAsync(message), MailStoreError.NotFound, MailStoreError.Conflict));
            var deleting = Task.Run(() => Harness.Store.DeleteFolderAsync(folder.Id));
            await appending;
            await deleting;

            Assert.Null(await Harness.Store.GetFolderAsync(folder.Id));
            Assert.Null(await Harness.Store.GetMessageAsync(message.Id));
        }

        Assert.Equal((0L, 0L), await Harness.Store.GetStoredBytesAsync(mailbox.AccountId, mailbox.Inbox.Id));
    }

    /// <summary>Runs a racing operation; the named refusals are fair outcomes of losing the race, and give null.</summary>
    private static async Task<T?> Tolerate<T>(Func<Task<T>> operation, params MailStoreError[] refusals)
        where T : class
    {
        try
        {
            return await operation();
        }
        catch (MailStoreException exception) when (refusals.Contains(exception.Error))
        {
            return null;
        }
    }
}
