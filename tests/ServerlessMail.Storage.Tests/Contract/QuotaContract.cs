using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>IQuotaStore, directly and through <see cref="QuotaService"/>: exact, atomic, time-bucketed send quotas.</summary>
public abstract class QuotaContract : StoreContract
{
    [Fact]
    public async Task PerDayLimitsCountRecipientsAndResetAtMidnight()
    {
        var (quotas, mailbox) = await SeedAsync(new QuotaLimits(SendsPerDay: 10, SendsPerMinute: null, StoredBytes: null));

        Assert.True((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 4, null)).Allowed);
        Assert.True((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 4, null)).Allowed);
        var refused = await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 3, null);
        Assert.True((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 2, null)).Allowed);
        Assert.False((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 1, null)).Allowed);

        var midnight = new DateTimeOffset(Harness.Now().UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        Assert.Equal(new QuotaDecision(false, QuotaLimitKind.SendsPerDay, "account", 10, midnight), refused);

        Harness.Clock.Advance(midnight - Harness.Now() - TimeSpan.FromSeconds(1));
        Assert.False((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 1, null)).Allowed);
        Harness.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 10, null)).Allowed);
    }

    [Fact]
    public async Task PerMinuteLimitsCountMessagesAndResetEachMinute()
    {
        var (quotas, mailbox) = await SeedAsync(new QuotaLimits(SendsPerDay: null, SendsPerMinute: 2, StoredBytes: null));

        Assert.True((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 50, null)).Allowed);
        Assert.True((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 50, null)).Allowed);
        var refused = await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 1, null);

        Assert.Equal((false, QuotaLimitKind.SendsPerMinute, "account", 2L), (refused.Allowed, refused.Limit, refused.Scope, refused.LimitValue));
        Assert.Equal(Harness.Now().AddMinutes(1), refused.ResetAt);
        Harness.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 1, null)).Allowed);
    }

    [Fact]
    public async Task InboxLimitsApplyBesideTheAccountsAndARefusalChargesNothing()
    {
        var (quotas, mailbox) = await SeedAsync(new QuotaLimits(SendsPerDay: 10, SendsPerMinute: null, StoredBytes: null), new QuotaLimits(SendsPerDay: 3, SendsPerMinute: null, StoredBytes: null));
        var sibling = await Harness.SeedSiblingAsync(mailbox, "bob");

        var refused = await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 4, null);
        Assert.Equal((false, QuotaLimitKind.SendsPerDay, "inbox", 3L), (refused.Allowed, refused.Limit, refused.Scope, refused.LimitValue));
        Assert.True((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 3, null)).Allowed);

        // The refused 4 were not charged to the account either: 3 used, 7 left for the sibling.
        Assert.True((await quotas.ReserveSendAsync(sibling.Account, sibling.Inbox, 7, null)).Allowed);
        var accountRefused = await quotas.ReserveSendAsync(sibling.Account, sibling.Inbox, 1, null);
        Assert.Equal("account", accountRefused.Scope);
    }

    [Fact]
    public async Task AnIdempotencyKeyIsChargedOnce()
    {
        var (quotas, mailbox) = await SeedAsync(new QuotaLimits(SendsPerDay: 5, SendsPerMinute: 10, StoredBytes: null));

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 3, "req-1")).Allowed);
        }

        Assert.True((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 2, "req-2")).Allowed);
        Assert.False((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 1, "req-3")).Allowed);
        Assert.True((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 3, "req-1")).Allowed);
    }

    [Fact]
    public async Task TwentyConcurrentSendsWithOneUnitLeftLetExactlyOneThrough()
    {
        var (quotas, mailbox) = await SeedAsync(new QuotaLimits(SendsPerDay: 5, SendsPerMinute: null, StoredBytes: null));
        Assert.True((await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 4, null)).Allowed);

        using var start = new ManualResetEventSlim();
        var sends = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await quotas.ReserveSendAsync(mailbox.Account, mailbox.Inbox, 1, null);
        })).ToList();
        start.Set();
        var decisions = await Task.WhenAll(sends);

        Assert.Equal(1, decisions.Count(d => d.Allowed));
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.Equal(QuotaLimitKind.SendsPerDay, d.Limit));
    }

    [Fact]
    public async Task ConcurrentChargesWithOneKeyChargeOnce()
    {
        var account = await Harness.SeedAccountAsync();
        var expires = Harness.Now().AddDays(1);
        var key = $"test:{account.Id}:a";

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            Harness.Store.TryChargeAsync([new QuotaCharge(key, 3, 100, expires)], "same-request"))));

        Assert.Equal(1, results.Count(r => r.Outcome == QuotaOutcome.Charged));
        Assert.Equal(9, results.Count(r => r.Outcome == QuotaOutcome.AlreadyCharged));
        Assert.Equal(3, await Harness.Store.GetCounterAsync(key));
    }

    [Fact]
    public async Task ChargesAreAllOrNothingAndNameTheFailingCounter()
    {
        var account = await Harness.SeedAccountAsync();
        var expires = Harness.Now().AddDays(1);
        var (a, b, c) = ($"t:{account.Id}:a", $"t:{account.Id}:b", $"t:{account.Id}:c");
        Assert.Equal(0, await Harness.Store.GetCounterAsync(a));

        Assert.Equal(new QuotaResult(QuotaOutcome.Charged), await Harness.Store.TryChargeAsync([new(a, 2, 10, expires), new(b, 2, 3, expires)], null));
        var exceeded = await Harness.Store.TryChargeAsync([new(a, 2, 10, expires), new(c, 1, 1, expires), new(b, 2, 3, expires)], null);

        Assert.Equal(new QuotaResult(QuotaOutcome.Exceeded, 2), exceeded);
        Assert.Equal((2L, 2L, 0L), (await Harness.Store.GetCounterAsync(a), await Harness.Store.GetCounterAsync(b), await Harness.Store.GetCounterAsync(c)));
        Assert.Equal(QuotaOutcome.Charged, (await Harness.Store.TryChargeAsync([new(a, 8, 10, expires), new(b, 1, 3, expires)], null)).Outcome);
        Assert.Equal((10L, 3L), (await Harness.Store.GetCounterAsync(a), await Harness.Store.GetCounterAsync(b)));
    }

    [Fact]
    public async Task AnIdempotencyKeyWhoseChargeWasRefusedIsNotSpent()
    {
        var account = await Harness.SeedAccountAsync();
        var key = $"t:{account.Id}:a";
        var expires = Harness.Now().AddDays(1);

        Assert.Equal(QuotaOutcome.Exceeded, (await Harness.Store.TryChargeAsync([new(key, 5, 4, expires)], "retry-me")).Outcome);
        Assert.Equal(QuotaOutcome.Charged, (await Harness.Store.TryChargeAsync([new(key, 4, 4, expires)], "retry-me")).Outcome);
        Assert.Equal(QuotaOutcome.AlreadyCharged, (await Harness.Store.TryChargeAsync([new(key, 4, 4, expires)], "retry-me")).Outcome);
        Assert.Equal(4, await Harness.Store.GetCounterAsync(key));
    }

    [Fact]
    public async Task AnExpiredCounterReadsAsZeroAndChargesAfresh()
    {
        var account = await Harness.SeedAccountAsync();
        var key = $"t:{account.Id}:a";

        Assert.Equal(QuotaOutcome.Charged, (await Harness.Store.TryChargeAsync([new(key, 5, 5, Harness.Now().AddMinutes(1))], null)).Outcome);
        Assert.Equal(5, await Harness.Store.GetCounterAsync(key));
        Harness.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(0, await Harness.Store.GetCounterAsync(key));
        Assert.Equal(QuotaOutcome.Charged, (await Harness.Store.TryChargeAsync([new(key, 5, 5, Harness.Now().AddMinutes(1))], null)).Outcome);
        Assert.Equal(5, await Harness.Store.GetCounterAsync(key));
    }

    private async Task<(QuotaService Quotas, Mailbox Mailbox)> SeedAsync(QuotaLimits accountLimits, QuotaLimits? inboxLimits = null) =>
        (new QuotaService(Harness.Store, Harness.Clock), await Harness.SeedMailboxAsync(accountLimits: accountLimits, inboxLimits: inboxLimits));
}
