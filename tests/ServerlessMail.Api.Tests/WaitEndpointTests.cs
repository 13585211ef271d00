using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ServerlessMail.Api.Tests;

public sealed class WaitEndpointTests
{
    [Fact]
    public async Task WaitWakesOnADeliveryAndSkipsNonMatchingMail()
    {
        await using var world = await ApiWorld.CreateAsync(new ApiOptions { WaitRecheckInterval = TimeSpan.FromMinutes(5) });
        await world.DeliverAsync("alice@hosted.test", "Before the wait");
        using var alice = world.Client(world.AliceToken);
        var clock = Stopwatch.StartNew();
        var waiting = alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/messages/wait?timeout=30&subject=code");
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        await world.DeliverAsync("alice@hosted.test", "Unrelated");
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        var id = await world.DeliverAsync("alice@hosted.test", "Your code is 123456");

        var response = await waiting;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = await ApiWorld.JsonAsync(response);
        Assert.Equal(id, message.GetProperty("id").GetString());
        Assert.Equal("Your code is 123456", message.GetProperty("subject").GetString());

        // The recheck interval is minutes: only the notifier can have woken it this fast.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
    }

    [Fact]
    public async Task WaitAfterAMessageReturnsTheNextOneAtOnce()
    {
        await using var world = await ApiWorld.CreateAsync();
        var first = await world.DeliverAsync("alice@hosted.test", "One");
        var second = await world.DeliverAsync("alice@hosted.test", "Two");
        using var alice = world.Client(world.AliceToken);
        var message = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/messages/wait?timeout=5&after={first}"));
        Assert.Equal(second, message.GetProperty("id").GetString());
    }

    [Fact]
    public async Task WaitAnswers204AtTheTimeoutAndRefusesLongOrForeignWaits()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var alice = world.Client(world.AliceToken);
        var clock = Stopwatch.StartNew();
        var response = await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/messages/wait?timeout=1");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
        await ApiWorld.AssertProblemAsync(await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/messages/wait?timeout=61"), 400, "invalid-request");
        await ApiWorld.AssertProblemAsync(await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/messages/wait?after=yesterday"), 400, "invalid-request");
        await ApiWorld.AssertProblemAsync(await alice.GetAsync($"/v1/inboxes/{world.Bob.Id}/messages/wait?timeout=1"), 404, "not-found");
    }

    [Fact]
    public async Task AWaitInFlight_Answers204AsSoonAsTheAppStartsStopping()
    {
        await using var world = await ApiWorld.CreateAsync(new ApiOptions { WaitRecheckInterval = TimeSpan.FromMinutes(5) });
        using var alice = world.Client(world.AliceToken);
        var waiting = alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/messages/wait?timeout=60");
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        var clock = Stopwatch.StartNew();

        world.AppServices.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var response = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
    }
}
