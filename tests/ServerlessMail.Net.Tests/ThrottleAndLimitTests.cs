using System.Net;

namespace ServerlessMail.Net.Tests;

public sealed class ThrottleAndLimitTests
{
    private static readonly IPAddress Peer = IPAddress.Parse("192.0.2.10");

    [Fact]
    public void FailuresGrowTheDelay_PerAddressAndPerUser_UpToTheCap()
    {
        var clock = new FixedClock();
        var throttle = new AuthThrottle(clock);
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor(Peer, "a@example.test"));

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            throttle.RecordFailure(Peer, "a@example.test");
            delays.Add(throttle.DelayFor(Peer, "a@example.test"));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(250), delays[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(500), delays[1]);
        Assert.Equal(AuthThrottle.MaxDelay, delays[^1]);

        // Another address guessing the same user is slowed too, and the same address guessing another user.
        Assert.Equal(AuthThrottle.MaxDelay, throttle.DelayFor(IPAddress.Parse("198.51.100.7"), "A@Example.Test"));
        Assert.Equal(AuthThrottle.MaxDelay, throttle.DelayFor(Peer, "b@example.test"));
    }

    [Fact]
    public void FailuresAreForgottenAfterTheWindow_AndSuccessClearsTheUser()
    {
        var clock = new FixedClock();
        var throttle = new AuthThrottle(clock);
        throttle.RecordFailure(Peer, "a@example.test");
        throttle.RecordSuccess("a@example.test");
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor(IPAddress.Loopback, "a@example.test"));

        clock.Now += AuthThrottle.Window + TimeSpan.FromSeconds(1);
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor(Peer, null));
    }

    [Fact]
    public void FailuresAcrossAnAccountsInboxes_AddUp_FromAnyAddress()
    {
        var clock = new FixedClock();
        var throttle = new AuthThrottle(clock);

        // One guess per inbox, each from its own address: no address or user name has failed twice, the account has.
        for (var i = 0; i < 4; i++)
        {
            throttle.RecordFailure(IPAddress.Parse($"198.51.100.{i + 1}"), $"inbox{i}@example.test", "acc_1");
        }

        var fresh = IPAddress.Parse("203.0.113.50");
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor(fresh, "inbox9@example.test"));
        Assert.Equal(TimeSpan.FromMilliseconds(2_000), throttle.DelayFor(fresh, "inbox9@example.test", "acc_1"));
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor(fresh, "inbox9@example.test", "acc_2"));

        // A success on one inbox clears its user counter, not the account's: it does not reset guessing at the others.
        throttle.RecordSuccess("inbox0@example.test");
        Assert.Equal(TimeSpan.FromMilliseconds(2_000), throttle.DelayFor(fresh, "inbox0@example.test", "acc_1"));

        clock.Now += AuthThrottle.Window + TimeSpan.FromSeconds(1);
        Assert.Equal(TimeSpan.Zero, throttle.DelayFor(fresh, "inbox0@example.test", "acc_1"));
    }

    [Fact]
    public void Limiter_CapsPerAddressAndInTotal()
    {
        var limiter = new ConnectionLimiter(maxTotal: 3, maxPerAddress: 2);
        Assert.True(limiter.TryAcquire(Peer));
        Assert.True(limiter.TryAcquire(Peer));
        Assert.False(limiter.TryAcquire(Peer));
        Assert.True(limiter.TryAcquire(IPAddress.Loopback));
        Assert.False(limiter.TryAcquire(IPAddress.IPv6Loopback));

        limiter.Release(Peer);
        Assert.True(limiter.TryAcquire(IPAddress.IPv6Loopback));
        Assert.Equal(3, limiter.Open);
    }

    private sealed class FixedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
