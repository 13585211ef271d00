using System.Net;

namespace ServerlessMail.Api.Tests;

/// <summary>A listing answered from the cache is the same as one read from the store, and every change shows at once.</summary>
public sealed class ListingCacheTests
{
    [Fact]
    public async Task ARepeatedListingIsTheSameAndEveryChangeToTheFolderShowsAtOnce()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var alice = world.Client(world.AliceToken);
        var path = $"/v1/inboxes/{world.Alice.Id}/messages";
        var first = await world.DeliverAsync("alice@hosted.test", "One");
        var before = await alice.GetStringAsync(path);
        Assert.Equal(before, await alice.GetStringAsync(path));
        Assert.Equal("application/json", (await alice.GetAsync(path)).Content.Headers.ContentType?.MediaType);

        // Delivery (UIDNEXT), flags (HIGHESTMODSEQ), a move out and an expunge each change what the next read returns.
        var second = await world.DeliverAsync("alice@hosted.test", "Two");
        var delivered = await ApiWorld.JsonAsync(await alice.GetAsync(path));
        Assert.Equal([second, first], delivered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        Assert.Equal(HttpStatusCode.OK, (await alice.PatchAsync($"/v1/messages/{first}", ApiWorld.Json(new { addFlags = new[] { "flagged" } }))).StatusCode);
        var flagged = await ApiWorld.JsonAsync(await alice.GetAsync(path));
        var flags = flagged.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == first).GetProperty("flags");
        Assert.Contains("flagged", flags.EnumerateArray().Select(f => f.GetString()));

        Assert.Equal(HttpStatusCode.OK, (await alice.PatchAsync($"/v1/messages/{first}", ApiWorld.Json(new { folder = "Archive" }))).StatusCode);
        var moved = await ApiWorld.JsonAsync(await alice.GetAsync(path));
        Assert.Equal([second], moved.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        await world.Store.ExpungeAsync([second]);
        var expunged = await ApiWorld.JsonAsync(await alice.GetAsync(path));
        Assert.Equal(0, expunged.GetProperty("items").GetArrayLength());

        // A different query is a different entry, and a request without read still gets 403, cached or not.
        var archive = await ApiWorld.JsonAsync(await alice.GetAsync(path + "?folder=Archive"));
        Assert.Equal([first], archive.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        using var carol = world.Client(world.CarolToken);
        await ApiWorld.AssertProblemAsync(await carol.GetAsync(path), 404, "not-found");
    }

    [Fact]
    public async Task WithTheCacheOffListingsAreReadEveryTime()
    {
        await using var world = await ApiWorld.CreateAsync(new ApiOptions { ListingCacheBytes = 0 });
        using var alice = world.Client(world.AliceToken);
        var id = await world.DeliverAsync("alice@hosted.test", "Only");
        var listed = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/messages"));
        Assert.Equal(id, listed.GetProperty("items")[0].GetProperty("id").GetString());
    }
}
