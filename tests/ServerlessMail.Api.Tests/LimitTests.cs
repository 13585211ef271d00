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

        // The bucket refills one a second: on a slow machine a request or two more may pass before it is empty.
        var limited = await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}");
        for (var extra = 0; extra < 20 && limited.StatusCode == HttpStatusCode.OK; extra++)
        {
            limited = await alice.GetAsync($"/v1/inboxes/{world.Alice.Id}");
        }

        await ApiWorld.AssertProblemAsync(limited, 429, "rate-limited");
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));

        using var admin = world.Client(world.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/v1/inboxes/{world.Alice.Id}")).StatusCode);
    }

    [Fact]
    public async Task FailedAuthenticationsAreBudgetedPerClientAddressThen429WithRetryAfter()
    {
        await using var world = await ApiWorld.CreateAsync(new ApiOptions { FailedAuthBurst = 3, FailedAuthRefill = TimeSpan.FromMinutes(1) });
        var guesser = IPAddress.Parse("198.51.100.7");
        var path = $"/v1/inboxes/{world.Alice.Id}";
        var wrong = world.AliceToken[..^1] + (world.AliceToken[^1] == 'a' ? 'b' : 'a');
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await world.GetFromAsync(guesser, path, wrong)).Response.StatusCode);
        }

        var refused = await world.GetFromAsync(guesser, path, wrong);
        Assert.Equal(429, refused.Response.StatusCode);
        Assert.True(long.Parse(refused.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("application/problem+json", refused.Response.ContentType);

        // Past the budget the address is refused before its credentials are looked up, a valid token too.
        Assert.Equal(429, (await world.GetFromAsync(guesser, path, world.AliceToken)).Response.StatusCode);

        // A proxy on this machine (Lambda Web Adapter) names the client in X-Forwarded-For; a remote peer cannot.
        Assert.Equal(429, (await world.GetFromAsync(IPAddress.Loopback, path, world.AliceToken, guesser.ToString())).Response.StatusCode);
        Assert.Equal(200, (await world.GetFromAsync(IPAddress.Parse("198.51.100.9"), path, world.AliceToken, "203.0.113.1")).Response.StatusCode);

        // Another address, and the same /64 for IPv6, are counted apart; a request without a token spends nothing.
        var neighbour = IPAddress.Parse("198.51.100.8");
        Assert.Equal(200, (await world.GetFromAsync(neighbour, path, world.AliceToken)).Response.StatusCode);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(401, (await world.GetFromAsync(neighbour, path, null)).Response.StatusCode);
        }

        Assert.Equal(200, (await world.GetFromAsync(neighbour, path, world.AliceToken)).Response.StatusCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await world.GetFromAsync(IPAddress.Parse($"2001:db8:1:2::{i + 1}"), path, wrong)).Response.StatusCode);
        }

        Assert.Equal(429, (await world.GetFromAsync(IPAddress.Parse("2001:db8:1:2::99"), path, world.AliceToken)).Response.StatusCode);
        Assert.Equal(200, (await world.GetFromAsync(IPAddress.Parse("2001:db8:1:3::1"), path, world.AliceToken)).Response.StatusCode);
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
