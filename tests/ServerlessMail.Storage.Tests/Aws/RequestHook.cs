using System.Collections.Concurrent;
using Amazon.Runtime;

namespace ServerlessMail.Storage.Tests.Aws;

/// <summary>
/// Sees every DynamoDB request a client sends, by operation, and can run an action just before one goes out: how the
/// tests make a rival writer commit between a store's read and its transaction, over real HTTP.
/// </summary>
public sealed class RequestHook : HttpClientFactory
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private Func<Task>? _once;
    private string? _onceTarget;

    public int Count(string operation) => _counts.GetValueOrDefault(operation);

    /// <summary>Runs <paramref name="action"/> before the next request of <paramref name="operation"/> is sent.</summary>
    public void BeforeNext(string operation, Func<Task> action)
    {
        _onceTarget = operation;
        _once = action;
    }

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Handler(this));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class Handler(RequestHook hook) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var operation = request.Headers.TryGetValues("X-Amz-Target", out var targets) ? targets.First().Split('.')[^1] : request.Method.Method;
            hook._counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
            if (hook._onceTarget == operation && Interlocked.Exchange(ref hook._once, null) is { } action)
            {
                await action();
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
