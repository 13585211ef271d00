using System.Net;
using System.Text;

namespace ServerlessMail.Api.Tests;

/// <summary>
/// Idempotent creates survive a restart: every retry here is answered by a new app over a new store on the same data
/// directory (as another Lambda instance would), with no memory of the first request.
/// </summary>
public sealed class IdempotencyTests
{
    [Fact]
    public async Task AnInboxCreateRetriedAfterARestartReturnsTheSameInbox()
    {
        await using var world = await ApiWorld.CreateAsync();
        var first = await PostAsync(world, "/v1/inboxes", "inbox-1", ApiWorld.Json(new { displayName = "Once" }));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await ApiWorld.JsonAsync(first)).GetProperty("id").GetString();

        await world.RestartAsync();
        var again = await PostAsync(world, "/v1/inboxes", "inbox-1", ApiWorld.Json(new { displayName = "Once" }));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        var replayed = await ApiWorld.JsonAsync(again);
        Assert.Equal(id, replayed.GetProperty("id").GetString());
        Assert.Equal($"/v1/inboxes/{id}", again.Headers.Location?.ToString());

        await ApiWorld.AssertProblemAsync(await PostAsync(world, "/v1/inboxes", "inbox-1", ApiWorld.Json(new { displayName = "Other" })), 409, "idempotency-key-reused");
        await ApiWorld.AssertProblemAsync(await PostAsync(world, "/v1/inboxes", "inbox-1", ApiWorld.Json(new { localPart = "zed", displayName = "Once" })), 409, "idempotency-key-reused");
        using var admin = world.Client(world.AdminToken);
        var all = await ApiWorld.JsonAsync(await admin.GetAsync("/v1/inboxes"));
        Assert.Equal(3, all.GetProperty("items").GetArrayLength());

        var fresh = await PostAsync(world, "/v1/inboxes", "inbox-2", ApiWorld.Json(new { displayName = "Once" }));
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.False(fresh.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(id, (await ApiWorld.JsonAsync(fresh)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task AFolderCreateRetriedAfterARestartReturnsTheSameFolder()
    {
        await using var world = await ApiWorld.CreateAsync();
        var folders = $"/v1/inboxes/{world.Alice.Id}/folders";
        var first = await ApiWorld.JsonAsync(await PostAsync(world, folders, "folder-1", ApiWorld.Json(new { name = "Projects" })));

        await world.RestartAsync();
        var again = await PostAsync(world, folders, "folder-1", ApiWorld.Json(new { name = "Projects" }));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(first.GetProperty("id").GetString(), (await ApiWorld.JsonAsync(again)).GetProperty("id").GetString());
        await ApiWorld.AssertProblemAsync(await PostAsync(world, folders, "folder-1", ApiWorld.Json(new { name = "Elsewhere" })), 409, "idempotency-key-reused");
        await ApiWorld.AssertProblemAsync(await PostAsync(world, $"/v1/inboxes/{world.Bob.Id}/folders", "folder-1", ApiWorld.Json(new { name = "Projects" })), 409, "idempotency-key-reused");
        Assert.Single(await world.Store.ListFoldersAsync(world.Alice.Id), f => f.Name == "Projects");
        Assert.DoesNotContain(await world.Store.ListFoldersAsync(world.Bob.Id), f => f.Name == "Projects");
    }

    [Fact]
    public async Task ATokenCreateRetriedAfterARestartNeverMintsASecondTokenNorShowsTheSecretAgain()
    {
        await using var world = await ApiWorld.CreateAsync();
        var body = new { name = "ci", scope = "inbox", inboxId = world.Alice.Id, permissions = new[] { "read" } };
        var first = await PostAsync(world, "/v1/tokens", "token-1", ApiWorld.Json(body));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await ApiWorld.JsonAsync(first);
        var id = created.GetProperty("token").GetProperty("id").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;

        await world.RestartAsync();
        var again = await PostAsync(world, "/v1/tokens", "token-1", ApiWorld.Json(body));
        var text = await again.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        var problem = await ApiWorld.AssertProblemAsync(again, 409, "token-already-created");
        Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ApiWorld.AssertProblemAsync(await PostAsync(world, "/v1/tokens", "token-1", ApiWorld.Json(body with { name = "other" })), 409, "idempotency-key-reused");

        var tokens = await world.Store.ListTokensAsync(world.Account.Id);
        Assert.Single(tokens, t => t.Name == "ci");
        using var minted = world.Client(secret);
        Assert.Equal(HttpStatusCode.OK, (await minted.GetAsync($"/v1/inboxes/{world.Alice.Id}")).StatusCode);
    }

    [Fact]
    public async Task AnAppendRetriedAfterARestartStoresTheMessageOnce()
    {
        await using var world = await ApiWorld.CreateAsync();
        var path = $"/v1/inboxes/{world.Alice.Id}/messages?folder=Drafts";
        var raw = ApiWorld.Message("alice@hosted.test", "bob@hosted.test", "Draft", "Written once.");
        var first = await PostAsync(world, path, "append-1", new StringContent(raw, Encoding.ASCII, "message/rfc822"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await ApiWorld.JsonAsync(first)).GetProperty("id").GetString();

        await world.RestartAsync();
        var again = await PostAsync(world, path, "append-1", new StringContent(raw, Encoding.ASCII, "message/rfc822"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(id, (await ApiWorld.JsonAsync(again)).GetProperty("id").GetString());
        var other = raw.Replace("Written once.", "Written twice.", StringComparison.Ordinal);
        await ApiWorld.AssertProblemAsync(await PostAsync(world, path, "append-1", new StringContent(other, Encoding.ASCII, "message/rfc822")), 409, "idempotency-key-reused");

        var drafts = (await world.Store.FindFolderAsync(world.Alice.Id, "Drafts"))!;
        Assert.Equal(1, (await world.Store.GetFolderAsync(drafts.Id))!.Total);
    }

    [Fact]
    public async Task ConcurrentCreatesUnderOneKeyMakeOneInbox()
    {
        await using var world = await ApiWorld.CreateAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(world, "/v1/inboxes", "race-1", ApiWorld.Json(new { displayName = "Race" }))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = new HashSet<string?>();
        foreach (var answer in answers)
        {
            ids.Add((await ApiWorld.JsonAsync(answer)).GetProperty("id").GetString());
        }

        Assert.Single(ids);
    }

    private static async Task<HttpResponseMessage> PostAsync(ApiWorld world, string path, string key, HttpContent content)
    {
        using var client = world.Client(world.AdminToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }
}
