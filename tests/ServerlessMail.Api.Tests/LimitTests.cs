using System.Net;
using System.Text;

namespace ServerlessMail.Api.Tests;

public sealed class LimitTests
{
    [Fact]
    public async Task EachTokenHasItsOwnRateLimitAnsweredWith429AndRetryAfter()
    {
        await using var world = await ApiWorld.CreateAsync(new ApiOptions { RequestBurst = 3, RequestsPerSecond = 1 });
        using var alice = world.Client(world.AliceToken);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}")).StatusCode);
        }

        var limited = await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}");
        await ApiWorld.AssertProblemAsync(limited, 429, "rate-limited");
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));

        using var admin = world.Client(world.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/v1/inboxes/{world.Alice.Id}")).StatusCode);
    }

    [Fact]
    public async Task ABodyOverTheRequestLimitIs413DeclaredOrStreamed()
    {
        await using var world = await ApiWorld.CreateAsync(new ApiOptions { MaxRequestBytes = 1_000 });
        using var admin = world.Client(world.AdminToken);
        var big = ApiWorld.Json(new { displayName = new string('x', 2_000) });
        await ApiWorld.AssertProblemAsync(await admin.PostAsync("/v1/inboxes", big), 413, "too-large");

        // Chunked: no Content-Length, so the limit is counted while reading.
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"displayName\":\"" + new string('y', 2_000) + "\"}")));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/inboxes") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await ApiWorld.AssertProblemAsync(await admin.SendAsync(request), 413, "too-large");
    }
}
