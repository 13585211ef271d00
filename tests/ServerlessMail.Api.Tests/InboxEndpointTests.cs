using System.Net;
using System.Text.RegularExpressions;

namespace ServerlessMail.Api.Tests;

public sealed partial class InboxEndpointTests
{
    [Fact]
    public async Task CreateWithoutLocalPartPicksAReadableOneAndCreateGetPatchDeleteWork()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var admin = world.Client(world.AdminToken);

        var created = await admin.PostAsync("/v1/inboxes", ApiWorld.Json(new { displayName = "Agent" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var inbox = await ApiWorld.JsonAsync(created);
        Assert.Matches(ReadableLocalPart(), inbox.GetProperty("localPart").GetString());
        Assert.Equal("hosted.test", inbox.GetProperty("domain").GetString());
        Assert.EndsWith("Z", inbox.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
        var id = inbox.GetProperty("id").GetString();
        Assert.Equal($"/v1/inboxes/{id}", created.Headers.Location?.ToString());

        var patched = await admin.PatchAsync($"/v1/inboxes/{id}", ApiWorld.Json(new { displayName = "Renamed" }));
        Assert.Equal("Renamed", (await ApiWorld.JsonAsync(patched)).GetProperty("displayName").GetString());
        var got = await ApiWorld.JsonAsync(await admin.GetAsync($"/v1/inboxes/{id}"));
        Assert.Equal("Renamed", got.GetProperty("displayName").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/inboxes/{id}?purge=true")).StatusCode);
        await ApiWorld.AssertProblemAsync(await admin.GetAsync($"/v1/inboxes/{id}"), 404, "not-found");
    }

    [Fact]
    public async Task ListPagesNewestFirstWithACursor()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var admin = world.Client(world.AdminToken);
        var made = new List<string>();
        foreach (var name in new[] { "p1", "p2", "p3" })
        {
            made.Add((await ApiWorld.JsonAsync(await admin.PostAsync("/v1/inboxes", ApiWorld.Json(new { localPart = name })))).GetProperty("id").GetString()!);
        }

        var first = await ApiWorld.JsonAsync(await admin.GetAsync("/v1/inboxes?limit=2"));
        var ids = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal([made[2], made[1]], ids);
        var cursor = first.GetProperty("nextCursor").GetString();
        var rest = new List<string?>();
        while (cursor is not null)
        {
            var page = await ApiWorld.JsonAsync(await admin.GetAsync($"/v1/inboxes?limit=2&cursor={Uri.EscapeDataString(cursor)}"));
            rest.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }

        // Alice and Bob may share a millisecond (ids order by time, then at random): compare them as a set.
        Assert.Equal(made[0], rest[0]);
        Assert.Equal(new HashSet<string?> { world.Alice.Id, world.Bob.Id }, rest.Skip(1).ToHashSet());
        await ApiWorld.AssertProblemAsync(await admin.GetAsync("/v1/inboxes?cursor=garbage"), 400, "invalid-cursor");
        await ApiWorld.AssertProblemAsync(await admin.GetAsync("/v1/inboxes?limit=0"), 400, "invalid-request");
    }

    [Fact]
    public async Task AuthFailuresAre401AndScopeAndPermissionAre404And403()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var anonymous = world.Client(null);
        await ApiWorld.AssertProblemAsync(await anonymous.GetAsync("/v1/inboxes"), 401, "unauthorized");
        using var bad = world.Client("sm_notavalidtoken");
        await ApiWorld.AssertProblemAsync(await bad.GetAsync("/v1/inboxes"), 401, "unauthorized");
        await ApiWorld.AssertProblemAsync(await anonymous.GetAsync($"/v1/inboxes?token={world.AdminToken}"), 401, "token-in-query");

        using var byKey = world.Client(null);
        byKey.DefaultRequestHeaders.Add("X-API-Key", world.AliceToken);
        Assert.Equal(HttpStatusCode.OK, (await byKey.GetAsync($"/v1/inboxes/{world.Alice.Id}")).StatusCode);
        var own = await ApiWorld.JsonAsync(await byKey.GetAsync("/v1/inboxes"));
        Assert.Equal(world.Alice.Id, Assert.Single(own.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        await ApiWorld.AssertProblemAsync(await byKey.GetAsync($"/v1/inboxes/{world.Bob.Id}"), 404, "not-found");
        using var carol = world.Client(world.CarolToken);
        await ApiWorld.AssertProblemAsync(await carol.GetAsync($"/v1/inboxes/{world.Alice.Id}"), 404, "not-found");
        await ApiWorld.AssertProblemAsync(await byKey.PostAsync("/v1/inboxes", ApiWorld.Json(new { localPart = "x" })), 403, "forbidden");
        await ApiWorld.AssertProblemAsync(await byKey.DeleteAsync($"/v1/inboxes/{world.Alice.Id}"), 403, "forbidden");
    }

    [Fact]
    public async Task ATakenAddressIs409AndBadInputIs400()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var admin = world.Client(world.AdminToken);
        await ApiWorld.AssertProblemAsync(await admin.PostAsync("/v1/inboxes", ApiWorld.Json(new { localPart = "alice" })), 409, "conflict");
        await ApiWorld.AssertProblemAsync(await admin.PostAsync("/v1/inboxes", ApiWorld.Json(new { localPart = "a b" })), 400, "invalid-request");
        await ApiWorld.AssertProblemAsync(await admin.PostAsync("/v1/inboxes", ApiWorld.Json(new { domain = "other.test" })), 400, "invalid-request");
        using var malformed = new StringContent("{\"localPart\":", System.Text.Encoding.UTF8, "application/json");
        await ApiWorld.AssertProblemAsync(await admin.PostAsync("/v1/inboxes", malformed), 400, "invalid-request");
    }

    [Fact]
    public async Task AnIdempotentCreateReplaysTheFirstAnswer()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var admin = world.Client(world.AdminToken);
        async Task<HttpResponseMessage> CreateAsync(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/inboxes") { Content = ApiWorld.Json(body) };
            request.Headers.Add("Idempotency-Key", "create-1");
            return await admin.SendAsync(request);
        }

        var first = await CreateAsync(new { displayName = "Once" });
        var again = await CreateAsync(new { displayName = "Once" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal((await ApiWorld.JsonAsync(first)).GetProperty("id").GetString(), (await ApiWorld.JsonAsync(again)).GetProperty("id").GetString());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        await ApiWorld.AssertProblemAsync(await CreateAsync(new { displayName = "Different" }), 409, "idempotency-key-reused");
        var all = await ApiWorld.JsonAsync(await admin.GetAsync("/v1/inboxes"));
        Assert.Equal(3, all.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task UnknownRoutesAndMethodsAreProblemsToo()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var admin = world.Client(world.AdminToken);
        await ApiWorld.AssertProblemAsync(await admin.GetAsync("/v1/nothing-here"), 404, "not-found");
        await ApiWorld.AssertProblemAsync(await admin.PutAsync("/v1/inboxes", ApiWorld.Json(new { })), 405, "method-not-allowed");
    }

    [GeneratedRegex("^[a-z]+-[a-z]+-[0-9]{4}$")]
    private static partial Regex ReadableLocalPart();
}
