using System.Net;

namespace ServerlessMail.Api.Tests;

public sealed class FolderEndpointTests
{
    [Fact]
    public async Task FoldersListWithCountsAndCanBeCreatedRenamedAndDeleted()
    {
        await using var world = await ApiWorld.CreateAsync();
        await world.DeliverAsync("alice@hosted.test", "One");
        await world.DeliverAsync("alice@hosted.test", "Two");
        using var admin = world.Client(world.AdminToken);
        var folders = $"/v1/inboxes/{world.Alice.Id}/folders";

        var list = await ApiWorld.JsonAsync(await admin.GetAsync(folders));
        var inbox = list.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "INBOX");
        Assert.Equal(2, inbox.GetProperty("total").GetInt32());
        Assert.Equal(2, inbox.GetProperty("unread").GetInt32());
        Assert.Equal("inbox", inbox.GetProperty("specialUse").GetString());

        var created = await admin.PostAsync(folders, ApiWorld.Json(new { name = "Projects" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await ApiWorld.JsonAsync(created)).GetProperty("id").GetString();
        await ApiWorld.AssertProblemAsync(await admin.PostAsync(folders, ApiWorld.Json(new { name = "Projects" })), 409, "conflict");
        await ApiWorld.AssertProblemAsync(await admin.PostAsync(folders, ApiWorld.Json(new { name = "" })), 400, "invalid-request");

        var renamed = await ApiWorld.JsonAsync(await admin.PatchAsync($"{folders}/{id}", ApiWorld.Json(new { name = "Work" })));
        Assert.Equal("Work", renamed.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{folders}/{id}")).StatusCode);
        await ApiWorld.AssertProblemAsync(await admin.DeleteAsync($"{folders}/{id}"), 404, "not-found");

        var trash = (await world.Store.FindFolderAsync(world.Alice.Id, "Trash"))!.Id;
        await ApiWorld.AssertProblemAsync(await admin.DeleteAsync($"{folders}/{trash}"), 409, "special-use-folder");
        await ApiWorld.AssertProblemAsync(await admin.PatchAsync($"{folders}/INBOX", ApiWorld.Json(new { name = "Old" })), 409, "special-use-folder");

        using var reader = world.Client(world.AliceReadToken);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(folders)).StatusCode);
        await ApiWorld.AssertProblemAsync(await reader.PostAsync(folders, ApiWorld.Json(new { name = "Mine" })), 403, "forbidden");
        await ApiWorld.AssertProblemAsync(await reader.GetAsync($"/v1/inboxes/{world.Bob.Id}/folders"), 404, "not-found");
    }
}
