using ServerlessMail.Core;

namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>The Core services wired to the store under test, as a host would compose them.</summary>
public sealed class StoreServices : IDisposable
{
    public StoreServices(StoreHarness harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var store = harness.Store;
        Tokens = new TokenService(store, harness.Clock);
        Quotas = new QuotaService(store, harness.Clock);
        Threads = new ThreadResolver(store, harness.Clock);
        Recipients = new RecipientResolver(store);
        Inboxes = new InboxService(store, harness.Blobs, harness.Clock);
        Ingest = new MailIngestService(store, harness.Blobs, Recipients, Threads, Signal, harness.Clock);
        Worker = new DeliveryWorker(store, Ingest, Signal, harness.Clock);
        Outbound = new OutboundService(store, harness.Blobs, Quotas, Threads, harness.Clock, RelaySignal, Notifier);
        Appends = new MessageAppendService(store, harness.Blobs, Threads, harness.Clock, Notifier);
    }

    public MailboxNotifier Notifier { get; } = new();

    public MessageAppendService Appends { get; }

    public TokenService Tokens { get; }

    public QuotaService Quotas { get; }

    public ThreadResolver Threads { get; }

    public RecipientResolver Recipients { get; }

    public InboxService Inboxes { get; }

    public DeliverySignal Signal { get; } = new();

    public RelaySignal RelaySignal { get; } = new();

    public MailIngestService Ingest { get; }

    public DeliveryWorker Worker { get; }

    public OutboundService Outbound { get; }

    public void Dispose()
    {
        Signal.Dispose();
        RelaySignal.Dispose();
    }
}
