using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ServerlessMail.Api.Tests;

public sealed class MessageEndpointTests
{
    private const string Attachment =
        "--b1\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\nContent-Disposition: attachment; filename=\"report.pdf\"\r\n" +
        "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQgaGVsbG8=\r\n";

    [Fact]
    public async Task AParsedMessageHasHeadersBodiesAttachmentsAndFlags()
    {
        await using var world = await ApiWorld.CreateAsync();
        var id = await world.DeliverAsync("alice@hosted.test", "Quarterly report", "Here is the report, see attached.", extraParts: Attachment);
        using var alice = world.Client(world.AliceToken);

        var message = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/messages/{id}"));
        Assert.Equal("Quarterly report", message.GetProperty("subject").GetString());
        Assert.Equal("INBOX", message.GetProperty("folder").GetString());
        Assert.Equal("sender@elsewhere.test", message.GetProperty("from")[0].GetProperty("address").GetString());
        Assert.Contains("see attached", message.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(message.GetProperty("textTruncated").GetBoolean());
        Assert.Contains(message.GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "MIME-Version");
        var attachment = Assert.Single(message.GetProperty("attachments").EnumerateArray());
        Assert.Equal("report.pdf", attachment.GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", attachment.GetProperty("contentType").GetString());
        Assert.Empty(message.GetProperty("flags").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(message.GetProperty("threadId").GetString()));

        var cut = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/messages/{id}?maxTextBytes=4"));
        Assert.Equal("Here", cut.GetProperty("text").GetString());
        Assert.True(cut.GetProperty("textTruncated").GetBoolean());

        var file = await alice.GetAsync($"/v1/messages/{id}/attachments/{attachment.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("report.pdf", file.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("%PDF-1.4 hello", Encoding.ASCII.GetString(await file.Content.ReadAsByteArrayAsync()));
        await ApiWorld.AssertProblemAsync(await alice.GetAsync($"/v1/messages/{id}/attachments/9"), 404, "not-found");
    }

    [Fact]
    public async Task RawIsServedWholeOrByRange()
    {
        await using var world = await ApiWorld.CreateAsync();
        var id = await world.DeliverAsync("alice@hosted.test", "Raw");
        using var alice = world.Client(world.AliceToken);
        var whole = await alice.GetAsync($"/v1/messages/{id}/raw");
        Assert.Equal("message/rfc822", whole.Content.Headers.ContentType?.MediaType);
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("From: sender@elsewhere.test\r\n", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);

        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"/v1/messages/{id}/raw");
        ranged.Headers.Range = new RangeHeaderValue(6, 11);
        var part = await alice.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal("sender", await part.Content.ReadAsStringAsync());
        Assert.Equal($"bytes 6-11/{bytes.Length}", part.Content.Headers.ContentRange?.ToString());

        using var beyond = new HttpRequestMessage(HttpMethod.Get, $"/v1/messages/{id}/raw");
        beyond.Headers.Range = new RangeHeaderValue(bytes.Length + 10, null);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await alice.SendAsync(beyond)).StatusCode);
    }

    [Fact]
    public async Task ListingFiltersAndPagesNewestFirst()
    {
        await using var world = await ApiWorld.CreateAsync();
        var first = await world.DeliverAsync("alice@hosted.test", "Invoice 1");
        var second = await world.DeliverAsync("alice@hosted.test", "Lunch?", from: "friend@elsewhere.test");
        var third = await world.DeliverAsync("alice@hosted.test", "Invoice 2");
        using var alice = world.Client(world.AliceToken);

        var page = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/messages?limit=2"));
        Assert.Equal([third, second], page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var next = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/messages?limit=2&cursor={Uri.EscapeDataString(page.GetProperty("nextCursor").GetString()!)}"));
        Assert.Equal(first, Assert.Single(next.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        var invoices = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/messages?subject=invoice"));
        Assert.Equal([third, first], invoices.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var fromFriend = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/messages?from=friend"));
        Assert.Equal(second, Assert.Single(fromFriend.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        await ApiWorld.AssertProblemAsync(await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/messages?folder=Nope"), 404, "not-found");
        await ApiWorld.AssertProblemAsync(await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/messages?unread=maybe"), 400, "invalid-request");
    }

    [Fact]
    public async Task FlagsMoveAndDeleteToTrashOrPermanently()
    {
        await using var world = await ApiWorld.CreateAsync();
        var id = await world.DeliverAsync("alice@hosted.test", "Flag me");
        using var alice = world.Client(world.AliceToken);

        var flagged = await ApiWorld.JsonAsync(await alice.PatchAsync($"/v1/messages/{id}", ApiWorld.Json(new { addFlags = new[] { "seen", "flagged", "$Label1" } })));
        Assert.Equal(["seen", "flagged", "$Label1"], flagged.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        var unseen = await ApiWorld.JsonAsync(await alice.PatchAsync($"/v1/messages/{id}", ApiWorld.Json(new { removeFlags = new[] { "seen" }, folder = "Archive" })));
        Assert.Equal(["flagged", "$Label1"], unseen.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        var archive = (await world.Store.FindFolderAsync(world.Alice.Id, "Archive"))!;
        Assert.Equal(archive.Id, unseen.GetProperty("folderId").GetString());
        await ApiWorld.AssertProblemAsync(await alice.PatchAsync($"/v1/messages/{id}", ApiWorld.Json(new { addFlags = new[] { "bad flag" } })), 400, "invalid-request");

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/v1/messages/{id}")).StatusCode);
        var trash = (await world.Store.FindFolderAsync(world.Alice.Id, "Trash"))!;
        Assert.Equal(trash.Id, (await world.Store.GetMessageAsync(id))!.FolderId);

        await ApiWorld.AssertProblemAsync(await alice.DeleteAsync($"/v1/messages/{id}?permanent=true"), 403, "forbidden");
        using var admin = world.Client(world.AdminToken);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/messages/{id}?permanent=true")).StatusCode);
        Assert.Null(await world.Store.GetMessageAsync(id));
    }

    [Fact]
    public async Task AnotherInboxsMessageIsNotFoundForEveryVerb()
    {
        await using var world = await ApiWorld.CreateAsync();
        var bobs = await world.DeliverAsync("bob@hosted.test", "Private");
        using var alice = world.Client(world.AliceToken);
        await ApiWorld.AssertProblemAsync(await alice.GetAsync($"/v1/messages/{bobs}"), 404, "not-found");
        await ApiWorld.AssertProblemAsync(await alice.GetAsync($"/v1/messages/{bobs}/raw"), 404, "not-found");
        await ApiWorld.AssertProblemAsync(await alice.GetAsync($"/v1/messages/{bobs}/attachments/1"), 404, "not-found");
        await ApiWorld.AssertProblemAsync(await alice.PatchAsync($"/v1/messages/{bobs}", ApiWorld.Json(new { addFlags = new[] { "seen" } })), 404, "not-found");
        await ApiWorld.AssertProblemAsync(await alice.DeleteAsync($"/v1/messages/{bobs}"), 404, "not-found");
        await ApiWorld.AssertProblemAsync(await alice.GetAsync($"/v1/inboxes/{world.Bob.Id}/messages"), 404, "not-found");
        await ApiWorld.AssertProblemAsync(await alice.GetAsync("/v1/messages/msg_doesnotexist"), 404, "not-found");
        Assert.Equal(Core.MessageFlags.None, (await world.Store.GetMessageAsync(bobs))!.Flags);
    }

    [Fact]
    public async Task AppendStoresARawMessageAndRefusesOversizedOnes()
    {
        await using var world = await ApiWorld.CreateAsync(new ApiOptions { MaxMessageBytes = 2_000 });
        using var alice = world.Client(world.AliceToken);
        var raw = ApiWorld.Message("me@hosted.test", "alice@hosted.test", "Appended", "Kept as is.");
        using var content = new StringContent(raw, Encoding.ASCII, "message/rfc822");
        var created = await alice.PostAsync($"/v1/inboxes/{world.Alice.Id}/messages?folder=Archive&flags=seen", content);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var summary = await ApiWorld.JsonAsync(created);
        Assert.Equal("Appended", summary.GetProperty("subject").GetString());
        Assert.Equal(["seen"], summary.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        var stored = await alice.GetByteArrayAsync($"/v1/messages/{summary.GetProperty("id").GetString()}/raw");
        Assert.Equal(raw, Encoding.ASCII.GetString(stored));

        using var huge = new StringContent(ApiWorld.Message("me@hosted.test", "alice@hosted.test", "Big", new string('x', 5_000)), Encoding.ASCII, "message/rfc822");
        await ApiWorld.AssertProblemAsync(await alice.PostAsync($"/v1/inboxes/{world.Alice.Id}/messages", huge), 413, "too-large");
        using var readOnly = world.Client(world.AliceReadToken);
        using var again = new StringContent(raw, Encoding.ASCII, "message/rfc822");
        await ApiWorld.AssertProblemAsync(await readOnly.PostAsync($"/v1/inboxes/{world.Alice.Id}/messages", again), 403, "forbidden");
    }
}
