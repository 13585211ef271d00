using System.Security.Cryptography;
using System.Text.Json;

namespace ServerlessMail.Relay.Tests;

/// <summary>
/// Sits between the SES client and the real stand-in: checks that the signed <c>x-amz-content-sha256</c> is the hash of
/// the body actually sent (the body is written twice, once to hash and once to send), keeps each body for assertions,
/// then forwards the request unchanged.
/// </summary>
internal sealed class PayloadCheckingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly List<JsonElement> _bodies = [];

    public IReadOnlyList<JsonElement> Bodies
    {
        get
        {
            lock (_bodies)
            {
                return _bodies.ToList();
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var signedHash = request.Headers.GetValues("X-Amz-Content-SHA256").Single();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), signedHash);
        Assert.Equal(body.Length, request.Content.Headers.ContentLength);
        var authorization = request.Headers.GetValues("Authorization").Single();
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/", authorization, StringComparison.Ordinal);
        Assert.Contains("/us-east-1/ses/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=", authorization, StringComparison.Ordinal);
        lock (_bodies)
        {
            _bodies.Add(JsonDocument.Parse(body).RootElement.Clone());
        }

        var forwarded = new ByteArrayContent(body);
        forwarded.Headers.ContentType = request.Content.Headers.ContentType;
        request.Content = forwarded;
        return await base.SendAsync(request, cancellationToken);
    }
}
