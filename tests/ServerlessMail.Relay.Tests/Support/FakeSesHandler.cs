using System.Net;
using System.Text;

namespace ServerlessMail.Relay.Tests;

/// <summary>
/// A fake SES endpoint answering every request with one canned error: aws-ses-v2-local cannot throttle, pause an
/// account or fail with a 5xx, so the mapping of those answers is tested against this instead.
/// </summary>
internal sealed class FakeSesHandler(int status, string? errorType, string body, TimeSpan? retryAfter = null) : HttpMessageHandler
{
    public int Requests { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (errorType is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType + ":http://internal.amazon.com/coral/com.amazon.coral.service/");
        }

        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        }

        return Task.FromResult(response);
    }
}
