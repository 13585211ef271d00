using ServerlessMail.Core;

namespace ServerlessMail.Storage.Benchmarks;

/// <summary>The account, domain and inbox every cell delivers to.</summary>
internal static class BenchmarkMailbox
{
    public static async Task EnsureAsync(IMailStore store, IBlobStore blobs, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var account = new Account(Ids.New(Ids.Account, clock), "Benchmark", QuotaLimits.AccountDefault with { StoredBytes = null }, now);
        await store.CreateAccountAsync(account, cancellationToken);
        await store.AddDomainAsync(new MailDomain("bench.test", account.Id, IsDefault: true, CatchAllInboxId: null, now), cancellationToken);
        var inbox = new Inbox(Ids.New(Ids.Inbox, clock), account.Id, "inbox", "bench.test", null, QuotaLimits.Unlimited, now);
        await store.CreateInboxAsync(inbox, new InboxService(store, blobs, clock).NewSpecialFolders(inbox.Id, now), cancellationToken);
    }
}
