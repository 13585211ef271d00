using ServerlessMail.Core;
using ServerlessMail.Hosting;

namespace ServerlessMail.Functions;

/// <summary>
/// The services every handler composes from, built once per Lambda instance (execution environment) and reused
/// across invocations: the store opened from the same <c>SERVERLESSMAIL_*</c> settings as <c>serverlessmail serve</c>
/// (<see cref="ServerOptionsBinder"/>, <see cref="OpenedStore"/>), the Core services, and the SES relay.
/// </summary>
public sealed class FunctionHost : IAsyncDisposable
{
    private static readonly Lock SharedLock = new();
    private static Task<FunctionHost>? _shared;

    private readonly OpenedStore _opened;
    private readonly IDisposable? _relayOwned;

    private FunctionHost(OpenedStore opened, ServerOptions options, TimeProvider clock)
    {
        _opened = opened;
        Options = options;
        Clock = clock;
        Resolver = new RecipientResolver(Store);
        var threads = new ThreadResolver(Store, clock);
        Ingest = new MailIngestService(Store, Blobs, Resolver, threads, new DeliverySignal(), clock);
        Envelopes = new HeaderEnvelope(Blobs, Resolver);
        Tokens = new TokenService(Store, clock);
        Feedback = new ProviderFeedbackService(Store, clock);
        Outbound = new OutboundService(Store, Blobs, new QuotaService(Store, clock), threads, clock);
        (Relay, _relayOwned, _) = RelayFactory.Create(options with { Relay = RelayKind.Ses });
        RelayWorker = new RelayWorker(Store, Blobs, Ingest, Resolver, Relay, new RelaySignal(), clock);
    }

    public ServerOptions Options { get; }

    public TimeProvider Clock { get; }

    public IMailStore Store => _opened.Store;

    public IBlobStore Blobs => _opened.Blobs;

    public RecipientResolver Resolver { get; }

    public MailIngestService Ingest { get; }

    public HeaderEnvelope Envelopes { get; }

    public TokenService Tokens { get; }

    public ProviderFeedbackService Feedback { get; }

    public OutboundService Outbound { get; }

    public IMailRelay Relay { get; }

    public RelayWorker RelayWorker { get; }

    /// <summary>
    /// Opens the store named by <paramref name="environment"/> (<c>SERVERLESSMAIL_*</c> names; <c>AWS_REGION</c> is the
    /// region when <c>SERVERLESSMAIL_AWS_REGION</c> is unset, and the SES region follows the store's unless set).
    /// </summary>
    public static async Task<FunctionHost> OpenAsync(IReadOnlyDictionary<string, string> environment, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var variables = environment.Where(v => v.Key.StartsWith(Setting.EnvironmentPrefix, StringComparison.Ordinal))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        if (!Has(variables, ServerSettings.AwsRegion.EnvironmentVariable) && environment.TryGetValue("AWS_REGION", out var region) && region.Length > 0)
        {
            variables[ServerSettings.AwsRegion.EnvironmentVariable] = region;
        }

        if (!Has(variables, ServerSettings.SesRegion.EnvironmentVariable) && variables.TryGetValue(ServerSettings.AwsRegion.EnvironmentVariable, out var storeRegion))
        {
            variables[ServerSettings.SesRegion.EnvironmentVariable] = storeRegion;
        }

        var options = ServerOptionsBinder.BindServer(new SettingSource(new Dictionary<string, string>(), variables));
        var time = clock ?? TimeProvider.System;
        var opened = await OpenedStore.OpenAsync(options.Store, time, cancellationToken).ConfigureAwait(false);
        return new FunctionHost(opened, options, time);
    }

    /// <summary>The instance's host, opened from the process environment on first use; a failed open is retried next time.</summary>
    public static Task<FunctionHost> SharedAsync()
    {
        lock (SharedLock)
        {
            if (_shared is null || _shared.IsFaulted || _shared.IsCanceled)
            {
                _shared = OpenAsync(ProcessEnvironment());
            }

            return _shared;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _relayOwned?.Dispose();
        await _opened.DisposeAsync().ConfigureAwait(false);
    }

    private static bool Has(Dictionary<string, string> variables, string name) => variables.TryGetValue(name, out var value) && value.Length > 0;

    private static Dictionary<string, string> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(SettingSource.ProcessEnvironment(), StringComparer.Ordinal);
        if (Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } region)
        {
            variables["AWS_REGION"] = region;
        }

        return variables;
    }
}
