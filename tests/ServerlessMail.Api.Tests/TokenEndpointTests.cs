using System.Net;

namespace ServerlessMail.Api.Tests;

public sealed class TokenEndpointTests
{
    [Fact]
    public async Task ATokenIsShownOnceListedByPrefixAndRevokedAtOnce()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var admin = world.Client(world.AdminToken);
        var created = await admin.PostAsync("/v1/tokens", ApiWorld.Json(new { name = "ci", scope = "inbox", inboxId = world.Alice.Id, permissions = new[] { "read" }, expiresAt = DateTimeOffset.UtcNow.AddDays(1) }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ApiWorld.JsonAsync(created);
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("token").GetProperty("id").GetString();
        Assert.Equal("inbox", body.GetProperty("token").GetProperty("scope").GetString());

        using var minted = world.Client(secret);
        Assert.Equal(HttpStatusCode.OK, (await minted.GetAsync($"/v1/inboxes/{world.Alice.Id}")).StatusCode);

        var listText = await (await admin.GetAsync("/v1/tokens")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, listText, StringComparison.Ordinal);
        var list = System.Text.Json.JsonDocument.Parse(listText).RootElement;
        var listed = list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
        Assert.Equal(secret[..7], listed.GetProperty("prefix").GetString());
        Assert.Equal(secret[^4..], listed.GetProperty("lastFour").GetString());

        // An open SMTP or IMAP session of the token listens like this; the revoke tells it at once.
        var ended = new TaskCompletionSource();
        using var session = world.Services.Tokens.Revocations.Subscribe(id!, () => ended.TrySetResult());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/tokens/{id}")).StatusCode);
        Assert.True(ended.Task.IsCompleted);
        Assert.Equal(0, world.Services.Tokens.Revocations.CountFor(id!));
        await ApiWorld.AssertProblemAsync(await minted.GetAsync($"/v1/inboxes/{world.Alice.Id}"), 401, "unauthorized");
    }

    [Fact]
    public async Task ATokenNeverMintsMoreThanItsOwnRights()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var admin = world.Client(world.AdminToken);
        var manager = await ApiWorld.JsonAsync(await admin.PostAsync("/v1/tokens", ApiWorld.Json(new { name = "mgr", scope = "inbox", inboxId = world.Alice.Id, permissions = new[] { "read", "manage" } })));
        using var limited = world.Client(manager.GetProperty("secret").GetString());

        await ApiWorld.AssertProblemAsync(await limited.PostAsync("/v1/tokens", ApiWorld.Json(new { name = "more", scope = "inbox", inboxId = world.Alice.Id, permissions = new[] { "send" } })), 403, "forbidden");
        await ApiWorld.AssertProblemAsync(await limited.PostAsync("/v1/tokens", ApiWorld.Json(new { name = "wider", scope = "account", permissions = new[] { "read" } })), 403, "forbidden");
        await ApiWorld.AssertProblemAsync(await limited.PostAsync("/v1/tokens", ApiWorld.Json(new { name = "other", scope = "inbox", inboxId = world.Bob.Id, permissions = new[] { "read" } })), 404, "not-found");
        Assert.Equal(HttpStatusCode.Created, (await limited.PostAsync("/v1/tokens", ApiWorld.Json(new { name = "same", scope = "inbox", inboxId = world.Alice.Id, permissions = new[] { "read" } }))).StatusCode);
        await ApiWorld.AssertProblemAsync(await limited.PostAsync("/v1/tokens", ApiWorld.Json(new { name = "x", scope = "inbox", inboxId = world.Alice.Id, permissions = new[] { "fly" } })), 400, "invalid-request");
        await ApiWorld.AssertProblemAsync(await limited.PostAsync("/v1/tokens", ApiWorld.Json(new { name = "x", scope = "account", inboxId = world.Alice.Id, permissions = new[] { "read" } })), 400, "invalid-request");

        using var reader = world.Client(world.AliceReadToken);
        await ApiWorld.AssertProblemAsync(await reader.GetAsync("/v1/tokens"), 403, "forbidden");
        using var carol = world.Client(world.CarolToken);
        var mine = manager.GetProperty("token").GetProperty("id").GetString();
        await ApiWorld.AssertProblemAsync(await carol.DeleteAsync($"/v1/tokens/{mine}"), 404, "not-found");
    }

    [Fact]
    public async Task TokensPageNewestFirst()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var admin = world.Client(world.AdminToken);
        var seen = new List<string?>();
        string? cursor = null;
        do
        {
            var page = await ApiWorld.JsonAsync(await admin.GetAsync("/v1/tokens?limit=2" + (cursor is null ? "" : "&cursor=" + cursor)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        var tokens = await world.Store.ListTokensAsync(world.Account.Id);
        Assert.Equal(tokens.Select(t => t.Id).OrderDescending(StringComparer.Ordinal), seen);
        Assert.Equal(3, seen.Count);
    }
}
