using System.Text;
using ServerlessMail.Core;

namespace ServerlessMail.Relay.Tests;

/// <summary>
/// How SES answers the stand-in cannot give (throttling, quotas, paused accounts, 5xx, credentials) map to relay
/// results, through <see cref="FakeSesHandler"/>; and a real unreachable endpoint.
/// </summary>
public sealed class SesErrorMappingTests
{
    private static readonly Uri Endpoint = new("https://email.us-east-1.example.test/");

    [Theory]
    [InlineData(429, "TooManyRequestsException", "Maximum sending rate exceeded.", 1)]
    [InlineData(400, "LimitExceededException", "Daily message quota exceeded.", 900)]
    [InlineData(400, "SendingPausedException", "Sending is paused for this account.", 900)]
    [InlineData(403, "InvalidSignatureException", "The request signature we calculated does not match.", 900)]
    [InlineData(503, "ServiceUnavailable", "Service unavailable.", null)]
    [InlineData(500, null, "Internal failure.", null)]
    public async Task TemporaryAnswers_KeepTheMessageQueued(int status, string? type, string message, int? waitSeconds)
    {
        var result = await SendAsync(new FakeSesHandler(status, type, $"{{\"message\":\"{message}\"}}"));

        var temporary = Assert.IsType<RelayTemporaryFailure>(result);
        Assert.Contains(message, temporary.Reason, StringComparison.Ordinal);
        Assert.Equal(waitSeconds is null ? null : TimeSpan.FromSeconds(waitSeconds.Value), temporary.RetryAfter);
    }

    [Fact]
    public async Task Throttling_HonoursALongerRetryAfter()
    {
        var result = await SendAsync(new FakeSesHandler(429, "TooManyRequestsException", "{\"message\":\"slow down\"}", TimeSpan.FromSeconds(30)));

        Assert.Equal(TimeSpan.FromSeconds(30), Assert.IsType<RelayTemporaryFailure>(result).RetryAfter);
    }

    [Theory]
    [InlineData(400, "MessageRejected", "Email address is not verified.")]
    [InlineData(400, "MailFromDomainNotVerifiedException", "MAIL FROM domain not verified.")]
    [InlineData(404, "NotFoundException", "Configuration set does not exist.")]
    public async Task Refusals_ArePermanentWithTheRemoteReply(int status, string type, string message)
    {
        var result = await SendAsync(new FakeSesHandler(status, type, $"{{\"message\":\"{message}\"}}"));

        var failure = Assert.IsType<RelayPermanentFailure>(result);
        Assert.Equal($"{status} {type}: {message}", failure.RemoteReply);
    }

    [Fact]
    public async Task AnUnreachableEndpoint_IsATemporaryFailure()
    {
        // A real connection refused: a loopback port nothing listens on.
        var endpoint = new Uri($"http://127.0.0.1:{SesLocal.FreePort()}/");
        using var handler = new SocketsHttpHandler();

        var result = await SendAsync(handler, endpoint);

        Assert.StartsWith("SES unreachable", Assert.IsType<RelayTemporaryFailure>(result).Reason, StringComparison.Ordinal);
    }

    private static Task<RelayResult> SendAsync(HttpMessageHandler handler, Uri? endpoint = null)
    {
        var relay = SesClients.Relay(endpoint ?? Endpoint, handler);
        var raw = Encoding.ASCII.GetBytes("From: a@example.test\r\n\r\nx\r\n");
        return relay.SendAsync(new RelayMessage("out_x", "a@example.test", ["b@remote.test"], raw.Length, _ => Task.FromResult<Stream>(new MemoryStream(raw))));
    }
}
