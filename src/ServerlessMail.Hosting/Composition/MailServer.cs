using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using ServerlessMail.Core;
using ServerlessMail.Net;
using ServerlessMail.Smtp;

namespace ServerlessMail.Hosting;

/// <summary>
/// A running ServerlessMail on one machine: the store, Core's services, the delivery and relay workers, the three
/// SMTP listeners (inbound MX, submission with STARTTLS, submissions with implicit TLS), the two IMAP listeners
/// (STARTTLS and implicit TLS) and the REST API; as the edge (<see cref="ServerRole.Edge"/>) the listeners only. <see cref="StartAsync"/>
/// returns once every listener is bound and the workers run; <see cref="StopAsync"/> stops accepting, lets sessions in
/// flight finish for <see cref="ServerOptions.DrainTimeout"/>, then stops the workers and closes the store.
/// </summary>
public sealed partial class MailServer : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly ServerOptions _options;
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<IDisposable> _ownedSync = [];
    private readonly List<TcpListenerHost> _listeners = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _workers = [];
    private int _stopped;

    private MailServer(ServerOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
    }

    public IPEndPoint SmtpEndPoint { get; private set; } = null!;

    public IPEndPoint SubmissionEndPoint { get; private set; } = null!;

    public IPEndPoint SubmissionsEndPoint { get; private set; } = null!;

    public IPEndPoint ImapEndPoint { get; private set; } = null!;

    public IPEndPoint ImapsEndPoint { get; private set; } = null!;

    /// <summary>The REST API's address; null on the edge (<see cref="ServerRole.Edge"/>), which runs no API.</summary>
    public IPEndPoint? ApiEndPoint { get; private set; }

    /// <summary>Core's services over the store, shared by every edge (see <see cref="ServerServices"/>).</summary>
    public ServerServices Services { get; private set; } = null!;

    /// <summary>
    /// The default account and domain, and the admin token when this start created it (see <see cref="TryIt"/>). Null
    /// on the edge: several edge tasks share one table, and a token printed there would land in the container log.
    /// </summary>
    public FirstStartResult? FirstStart { get; private set; }

    /// <summary>On the start that created the admin token, the text to show its operator once; otherwise null.</summary>
    public string? TryIt => FirstStart?.NewAdminToken is null || ApiEndPoint is null
        ? null
        : TryItBlock.Render(FirstStart, _options.ListenAddress, SmtpEndPoint.Port, ApiEndPoint.Port, ImapEndPoint.Port, ImapsEndPoint.Port);

    /// <summary>
    /// The line the serve contract prints once everything runs; tests and benchmarks wait for it. The edge has no
    /// <c>api=</c> field.
    /// </summary>
    public string ReadyLine => string.Create(
        CultureInfo.InvariantCulture,
        $"ready smtp={SmtpEndPoint} submission={SubmissionEndPoint} submissions={SubmissionsEndPoint} imap={ImapEndPoint} imaps={ImapsEndPoint}{(ApiEndPoint is null ? "" : $" api={ApiEndPoint}")}");

    public static async Task<MailServer> StartAsync(ServerOptions options, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var server = new MailServer(options, loggers.CreateLogger("ServerlessMail.Host"));
        try
        {
            await server.ComposeAsync(loggers, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        HostLog.Stopping(_logger, _options.DrainTimeout);

        // Listeners first, so nothing new is accepted while the workers finish what they hold.
        await Task.WhenAll(_listeners.Select(l => l.DisposeAsync().AsTask()).Append(StopApiAsync())).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().ConfigureAwait(false);
        }

        for (var i = _ownedSync.Count - 1; i >= 0; i--)
        {
            _ownedSync[i].Dispose();
        }

        _stopping.Dispose();
        HostLog.Stopped(_logger);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task ComposeAsync(ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        OpenedStore opened;
        try
        {
            opened = await OpenedStore.OpenAsync(_options.Store, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is MailStoreException or IOException or UnauthorizedAccessException or Amazon.Runtime.AmazonClientException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
        {
            throw new ServerStartException($"could not open the mail store: {exception.Message}", exception);
        }

        _owned.Add(opened);
        HostLog.StoreOpened(_logger, opened.Description);
        var edge = _options.Role == ServerRole.Edge;
        if (!edge)
        {
            await EnsureFirstStartAsync(opened.Store, clock, cancellationToken).ConfigureAwait(false);
        }

        var certificate = await OpenCertificateAsync(opened, cancellationToken).ConfigureAwait(false);

        var store = opened.Store;
        var blobs = opened.Blobs;
        var deliverySignal = new DeliverySignal();
        var relaySignal = new RelaySignal();
        _ownedSync.Add(deliverySignal);
        _ownedSync.Add(relaySignal);
        var tokens = new TokenService(store, clock);
        var recipients = new RecipientResolver(store);
        var threads = new ThreadResolver(store, clock);
        var quotas = new QuotaService(store, clock);
        var notifier = new MailboxNotifier();

        // Accepting a message notifies deliverySignal, which wakes the delivery worker below; every write that changes
        // an inbox publishes on the one notifier, which wakes IMAP IDLE and the REST wait-for.
        var ingest = new MailIngestService(store, blobs, recipients, threads, deliverySignal, clock, notifier);
        var outbound = new OutboundService(store, blobs, quotas, threads, clock, relaySignal, notifier);
        Services = new ServerServices(
            store, blobs, tokens, new InboxService(store, blobs, clock), new AccountService(store, tokens, clock), recipients, threads, quotas,
            ingest, outbound, new MessageAppendService(store, blobs, threads, clock, notifier), notifier, clock);
        if (edge)
        {
            // On AWS the S3 put of raw/ (accepted) and outbound/ (submitted) objects triggers the ingest and relay
            // functions; the signals are left unheard here.
            HostLog.EdgeRole(_logger);
            StartListeners(Services, certificate, loggers);
            return;
        }

        var (relay, ownedRelay, relayDescription) = RelayFactory.Create(_options);
        if (ownedRelay is not null)
        {
            _ownedSync.Add(ownedRelay);
        }

        HostLog.RelayChosen(_logger, relayDescription);
        StartWorkers(
            new DeliveryWorker(store, ingest, deliverySignal, clock),
            new RelayWorker(store, blobs, ingest, recipients, relay, relaySignal, clock));

        StartListeners(Services, certificate, loggers);
        await StartApiAsync(Services, loggers, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureFirstStartAsync(IMailStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            FirstStart = await Hosting.FirstStart.EnsureAsync(_options, store, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (MailStoreException exception)
        {
            throw new ServerStartException($"could not create the default account for {_options.DefaultDomain}: {exception.Message}", exception);
        }

        HostLog.DefaultDomain(_logger, FirstStart.Domain, FirstStart.AccountId, FirstStart.AdminTokenPath);
    }
}
