using System.Net;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Tests;

public sealed class SendEndpointTests
{
    [Fact]
    public async Task SendQueuesTheMessageWithItsSentCopyAndOutboundStatus()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var alice = world.Client(world.AliceToken);
        var response = await alice.PostAsync($"/v1/inboxes/{world.Alice.Id}/send", ApiWorld.Json(new
        {
            to = new[] { "someone@elsewhere.test" },
            bcc = new[] { "hidden@elsewhere.test" },
            subject = "Hello",
            text = "Hi from the API.",
            attachments = new[] { new { fileName = "a.txt", contentType = "text/plain", contentBase64 = "aGVsbG8=" } },
            headers = new Dictionary<string, string> { ["X-Campaign"] = "42" },
        }));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = await ApiWorld.JsonAsync(response);
        var outboundId = sent.GetProperty("outboundId").GetString();
        Assert.Equal("queued", sent.GetProperty("status").GetString());

        var outbound = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/outbound/{outboundId}"));
        Assert.Equal(["someone@elsewhere.test", "hidden@elsewhere.test"], outbound.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("queued", outbound.GetProperty("history")[0].GetProperty("status").GetString());
        var list = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/outbound"));
        Assert.Equal(outboundId, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        var copy = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/messages/{sent.GetProperty("messageId").GetString()}"));
        Assert.Equal("Sent", copy.GetProperty("folder").GetString());
        Assert.Equal("a.txt", Assert.Single(copy.GetProperty("attachments").EnumerateArray()).GetProperty("fileName").GetString());
        Assert.Contains(copy.GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "X-Campaign");
        Assert.DoesNotContain(copy.GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "Bcc");

        using var carol = world.Client(world.CarolToken);
        await ApiWorld.AssertProblemAsync(await carol.GetAsync($"/v1/outbound/{outboundId}"), 404, "not-found");
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKeySendsOnce()
    {
        await using var world = await ApiWorld.CreateAsync();
        using var alice = world.Client(world.AliceToken);
        async Task<string?> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/inboxes/{world.Alice.Id}/send")
            {
                Content = ApiWorld.Json(new { to = new[] { "bob@hosted.test" }, subject = "Once", text = "Only once." }),
            };
            request.Headers.Add("Idempotency-Key", "send-1");
            var response = await alice.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await ApiWorld.JsonAsync(response)).GetProperty("outboundId").GetString();
        }

        Assert.Equal(await SendAsync(), await SendAsync());
        var page = await world.Store.ListOutboundAsync(world.Alice.Id, new PageRequest());
        Assert.Single(page.Items);
    }

    [Fact]
    public async Task AReplyThreadsAndMarksTheOriginalAnswered()
    {
        await using var world = await ApiWorld.CreateAsync();
        var original = await world.DeliverAsync("alice@hosted.test", "Question", "Can you help?", from: "Bob <bob@hosted.test>");
        using var alice = world.Client(world.AliceToken);
        var sent = await ApiWorld.JsonAsync(await alice.PostAsync($"/v1/inboxes/{world.Alice.Id}/send", ApiWorld.Json(new
        {
            text = "Sure.",
            reference = new { messageId = original, action = "reply" },
        })));
        var reply = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/messages/{sent.GetProperty("messageId").GetString()}"));
        Assert.Equal("Re: Question", reply.GetProperty("subject").GetString());
        Assert.Equal("bob@hosted.test", reply.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Contains("> Can you help?", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        var answered = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/messages/{original}"));
        Assert.Contains("answered", answered.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(answered.GetProperty("threadId").GetString(), reply.GetProperty("threadId").GetString());
        Assert.Equal(answered.GetProperty("messageIdHeader").GetString(), Assert.Single(reply.GetProperty("inReplyTo").EnumerateArray()).GetString());

        var thread = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/threads/{reply.GetProperty("threadId").GetString()}"));
        Assert.Equal([original, sent.GetProperty("messageId").GetString()], thread.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        var threads = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}/threads"));
        Assert.Equal(answered.GetProperty("threadId").GetString(), Assert.Single(threads.GetProperty("items").EnumerateArray()).GetProperty("threadId").GetString());
        using var carol = world.Client(world.CarolToken);
        await ApiWorld.AssertProblemAsync(await carol.GetAsync($"/v1/threads/{reply.GetProperty("threadId").GetString()}"), 404, "not-found");
    }

    [Fact]
    public async Task AForwardAttachesTheOriginal()
    {
        await using var world = await ApiWorld.CreateAsync();
        var original = await world.DeliverAsync("alice@hosted.test", "Minutes", "Notes from today.");
        using var alice = world.Client(world.AliceToken);
        var sent = await ApiWorld.JsonAsync(await alice.PostAsync($"/v1/inboxes/{world.Alice.Id}/send", ApiWorld.Json(new
        {
            to = new[] { "team@elsewhere.test" },
            text = "FYI",
            reference = new { messageId = original, action = "forward" },
        })));
        var forward = await ApiWorld.JsonAsync(await alice.GetAsync($"/v1/messages/{sent.GetProperty("messageId").GetString()}"));
        Assert.Equal("Fwd: Minutes", forward.GetProperty("subject").GetString());
        Assert.Equal("message/rfc822", Assert.Single(forward.GetProperty("attachments").EnumerateArray()).GetProperty("contentType").GetString());
        var flags = (await world.Store.GetMessageAsync(original))!.Keywords;
        Assert.Contains("$Forwarded", flags);
    }

    [Fact]
    public async Task TheSendQuotaIs429NamingTheLimitAndItsReset()
    {
        await using var world = await ApiWorld.CreateAsync(limits: new QuotaLimits(SendsPerDay: 1, SendsPerMinute: null, StoredBytes: null));
        using var alice = world.Client(world.AliceToken);
        object Body() => new { to = new[] { "x@elsewhere.test" }, subject = "Hi", text = "." };
        Assert.Equal(HttpStatusCode.Accepted, (await alice.PostAsync($"/v1/inboxes/{world.Alice.Id}/send", ApiWorld.Json(Body()))).StatusCode);
        var refused = await alice.PostAsync($"/v1/inboxes/{world.Alice.Id}/send", ApiWorld.Json(Body()));
        var problem = await ApiWorld.AssertProblemAsync(refused, 429, "send-quota-exceeded");
        Assert.Equal("sendsPerDay", problem.GetProperty("limit").GetString());
        Assert.Equal("account", problem.GetProperty("scope").GetString());
        Assert.Equal(1, problem.GetProperty("limitValue").GetInt64());
        Assert.Equal(DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(1), problem.GetProperty("resetAt").GetDateTimeOffset().UtcDateTime);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task BadSendsAre400403404Or413()
    {
        await using var world = await ApiWorld.CreateAsync(new ApiOptions { MaxMessageBytes = 4_000 });
        using var alice = world.Client(world.AliceToken);
        var send = $"/v1/inboxes/{world.Alice.Id}/send";
        await ApiWorld.AssertProblemAsync(await alice.PostAsync(send, ApiWorld.Json(new { subject = "nobody", text = "." })), 400, "invalid-request");
        await ApiWorld.AssertProblemAsync(await alice.PostAsync(send, ApiWorld.Json(new { to = new[] { "not an address" }, text = "." })), 400, "invalid-request");
        await ApiWorld.AssertProblemAsync(await alice.PostAsync(send, ApiWorld.Json(new { to = new[] { "a@b.test" }, subject = "x\r\nBcc: evil@x.test" })), 400, "invalid-request");
        await ApiWorld.AssertProblemAsync(await alice.PostAsync(send, ApiWorld.Json(new { to = new[] { "a@b.test" }, text = new string('x', 10_000) })), 413, "too-large");
        await ApiWorld.AssertProblemAsync(await alice.PostAsync($"/v1/inboxes/{world.Bob.Id}/send", ApiWorld.Json(new { to = new[] { "a@b.test" }, text = "." })), 404, "not-found");
        using var readOnly = world.Client(world.AliceReadToken);
        await ApiWorld.AssertProblemAsync(await readOnly.PostAsync(send, ApiWorld.Json(new { to = new[] { "a@b.test" }, text = "." })), 403, "forbidden");
    }
}
