using ServerlessMail.Smtp.Tests;

namespace ServerlessMail.Imap.Tests;

/// <summary>The login and idle timeouts and the authentication throttle, on a fake clock: no real waiting.</summary>
public sealed class TimeoutAndThrottleTests
{
    [Fact]
    public async Task LoginPhase_EndsAfterTheLoginTimeout()
    {
        await using var world = await ImapWorld.CreateAsync();
        var clock = new FakeClock();
        await using var client = await world.ConnectAsync(clock: clock);
        var timeout = ImapWorld.DefaultOptions().LoginTimeout;
        await clock.WaitForTimerDueWithinAsync(timeout, notBefore: timeout - TimeSpan.FromSeconds(1));
        clock.Advance(timeout);
        await client.ExpectLineAsync("* BYE Autologout");
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task AuthenticatedSession_EndsAfterThirtyIdleMinutes_NotBefore()
    {
        await using var world = await ImapWorld.CreateAsync();
        var clock = new FakeClock();
        var options = ImapWorld.DefaultOptions();
        options.TokenRecheckInterval = TimeSpan.FromSeconds(60);
        await using var client = await world.LoginAsync(options: options, clock: clock);
        await client.CommandAsync("a SELECT INBOX", "a OK");

        // The session wakes every minute to re-check its token, and gives up at 30 minutes.
        for (var minute = 1; minute < 30; minute++)
        {
            await clock.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(60), notBefore: TimeSpan.FromSeconds(59));
            clock.Advance(TimeSpan.FromSeconds(60));
        }

        await client.CommandAsync("b NOOP", "b OK");
        for (var minute = 0; minute < 30; minute++)
        {
            await clock.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(60), notBefore: TimeSpan.FromSeconds(59));
            clock.Advance(TimeSpan.FromSeconds(60));
        }

        await client.ExpectLineAsync("* BYE Autologout");
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task FailedLogins_AreDelayed_Doubling_PerAddressAndUser()
    {
        await using var world = await ImapWorld.CreateAsync();
        var clock = new FakeClock();
        await using (var client = await world.ConnectAsync(clock: clock))
        {
            await client.CommandAsync("a LOGIN alice@hosted.test wrong-1", "a NO [AUTHENTICATIONFAILED]");
            await client.SendAsync("b LOGIN alice@hosted.test wrong-2\r\n");
            await clock.WaitForTimerDueWithinAsync(TimeSpan.FromMilliseconds(250), notBefore: TimeSpan.FromMilliseconds(249));
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await client.ReadUntilTaggedAsync("b", "b NO [AUTHENTICATIONFAILED]");
            await client.SendAsync("c LOGIN alice@hosted.test wrong-3\r\n");
            await clock.WaitForTimerDueWithinAsync(TimeSpan.FromMilliseconds(500), notBefore: TimeSpan.FromMilliseconds(499));
            clock.Advance(TimeSpan.FromMilliseconds(500));
            await client.ReadUntilTaggedAsync("c", "c NO [AUTHENTICATIONFAILED]");
            await client.ExpectLineAsync("* BYE");
            await client.ExpectClosedAsync();
        }

        // A new connection from the same address waits too, even with the right token; success clears the user's count.
        await using var next = await world.ConnectAsync(clock: clock);
        await next.SendAsync($"d LOGIN alice@hosted.test {world.AliceToken}\r\n");
        await clock.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(1), notBefore: TimeSpan.FromMilliseconds(999));
        clock.Advance(TimeSpan.FromSeconds(1));
        await next.ReadUntilTaggedAsync("d", "d OK");
        Assert.Equal(TimeSpan.FromSeconds(1), world.Throttle.DelayFor(ImapWorld.ClientEndPoint.Address, null));
        Assert.Equal(TimeSpan.Zero, world.Throttle.DelayFor(System.Net.IPAddress.Loopback, "alice@hosted.test"));
        Assert.DoesNotContain("wrong-", world.Log.All, StringComparison.Ordinal);
        Assert.DoesNotContain(world.AliceToken, world.Log.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticatePlain_Failures_AreThrottledToo()
    {
        await using var world = await ImapWorld.CreateAsync();
        var clock = new FakeClock();
        await using var client = await world.ConnectAsync(clock: clock);
        var bad = Convert.ToBase64String("\0alice@hosted.test\0nope"u8.ToArray());
        await client.CommandAsync("a AUTHENTICATE PLAIN " + bad, "a NO [AUTHENTICATIONFAILED]");
        await client.SendAsync("b AUTHENTICATE PLAIN " + bad + "\r\n");
        await clock.WaitForTimerDueWithinAsync(TimeSpan.FromMilliseconds(250), notBefore: TimeSpan.FromMilliseconds(249));
        clock.Advance(TimeSpan.FromMilliseconds(250));
        await client.ReadUntilTaggedAsync("b", "b NO [AUTHENTICATIONFAILED]");
        Assert.True(world.Throttle.DelayFor(ImapWorld.ClientEndPoint.Address, "alice@hosted.test") >= TimeSpan.FromMilliseconds(500));
    }
}
