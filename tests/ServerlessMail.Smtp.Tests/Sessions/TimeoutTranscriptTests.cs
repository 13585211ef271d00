namespace ServerlessMail.Smtp.Tests;

/// <summary>Timeouts and the minimum data rate, driven by a fake clock: no test here waits for real time.</summary>
public sealed class TimeoutTranscriptTests : IAsyncLifetime
{
    private SmtpWorld _world = null!;

    public async Task InitializeAsync() => _world = await SmtpWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task AnIdleClient_Gets421AfterTheCommandTimeout()
    {
        var clock = new FakeClock();
        await using var client = await _world.ConnectAsync(SmtpRole.Inbound, clock: clock);
        await client.ExpectLineAsync("220");
        await clock.WaitForTimerDueWithinAsync(TimeSpan.FromMinutes(2), notBefore: TimeSpan.FromMinutes(1.5));
        clock.Advance(TimeSpan.FromMinutes(1));
        await client.RunAsync("""
            C: NOOP
            S: 250 2.0.0
            """);
        await clock.WaitForTimerDueWithinAsync(TimeSpan.FromMinutes(2), notBefore: TimeSpan.FromMinutes(1.5));
        clock.Advance(TimeSpan.FromMinutes(2));
        await client.ExpectLineAsync("421 4.4.2 Timeout");
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task ASlowDripDuringData_IsCutOff_AndNothingIsStored()
    {
        var clock = new FakeClock();
        await using var client = await _world.ConnectAsync(SmtpRole.Inbound, clock: clock);
        await client.RunAsync("""
            S: 220
            C: HELO c.example.test
            C: MAIL FROM:<s@example.test>
            C: RCPT TO:<alice@hosted.test>
            C: DATA
            C: Subject: slow
            S: 250
            S: 250
            S: 250
            S: 354
            """);

        // Within the grace period a pause is fine; past it, 15 octets in 11 s is far below 240 octets/s.
        await clock.WaitForTimerDueWithinAsync(TimeSpan.FromSeconds(10), notBefore: TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(11));
        await client.ExpectLineAsync("421 4.4.2 Data arriving too slowly");
        await client.ExpectClosedAsync();
        Assert.Empty(await _world.AcceptedAsync());
    }

    [Fact]
    public async Task DataBlocks_WaitUpToFiveMinutes()
    {
        var clock = new FakeClock();
        var options = SmtpWorld.DefaultOptionsWith(o => o with { MinDataRate = 0 });
        await using var client = await _world.ConnectAsync(SmtpRole.Inbound, options, clock);
        await client.RunAsync("""
            S: 220
            C: HELO c.example.test
            C: MAIL FROM:<s@example.test>
            C: RCPT TO:<alice@hosted.test>
            C: DATA
            C: Subject: patient
            S: 250
            S: 250
            S: 250
            S: 354
            """);
        await clock.WaitForTimerDueWithinAsync(TimeSpan.FromMinutes(5), notBefore: TimeSpan.FromMinutes(4));
        clock.Advance(TimeSpan.FromMinutes(4));
        await client.RunAsync("""
            C:
            C: body
            C: .
            S: 250 2.0.0
            """);
    }
}
