using System.Text;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local;

namespace ServerlessMail.Relay.Tests;

/// <summary>
/// A real embedded store (SQLite and fsynced files in a temp directory) with the Core services a host composes, an
/// account hosting <c>example.test</c> with inboxes alice (the sender) and bob, and a manual clock.
/// </summary>
internal sealed class MailWorld : IAsyncDisposable
{
    public const string Domain = "example.test";

    private readonly string _directory;

    private MailWorld(string directory, LocalMailStore store, LocalBlobStore blobs)
    {
        _directory = directory;
        Store = store;
        Blobs = blobs;
        Recipients = new RecipientResolver(store);
        Threads = new ThreadResolver(store, Clock);
        Ingest = new MailIngestService(store, blobs, Recipients, Threads, DeliverySignal, Clock);
        Outbound = new OutboundService(store, blobs, new QuotaService(store, Clock), Threads, Clock);
    }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    public LocalMailStore Store { get; }

    public LocalBlobStore Blobs { get; }

    public RecipientResolver Recipients { get; }

    public ThreadResolver Threads { get; }

    public DeliverySignal DeliverySignal { get; } = new();

    public RelaySignal RelaySignal { get; } = new();

    public MailIngestService Ingest { get; }

    public OutboundService Outbound { get; }

    public Account Account { get; private set; } = null!;

    public Inbox Alice { get; private set; } = null!;

    public Inbox Bob { get; private set; } = null!;

    public Principal Sender => new(Account.Id, "tok_test", null, TokenPermissions.All);

    public static async Task<MailWorld> CreateAsync()
    {
        var directory = Directory.CreateTempSubdirectory("sm-relay-store-").FullName;
        var options = new LocalStorageOptions { DataDirectory = directory, Fsync = false };
        var world = new MailWorld(directory, new LocalMailStore(options, TimeProvider.System), new LocalBlobStore(options));
        await world.Store.InitializeAsync();
        await world.SeedAsync();
        return world;
    }

    public RelayWorker Worker(IMailRelay relay, RelayOptions? options = null) =>
        new(Store, Blobs, Ingest, Recipients, relay, RelaySignal, Clock, options);

    /// <summary>Submits a message from alice as SMTP submission and the REST API do; returns the queued record.</summary>
    public async Task<OutboundEmail> SubmitAsync(string raw, params string[] recipients)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(raw));
        var result = await Outbound.SubmitAsync(Sender, Alice, content, Alice.Address, recipients, idempotencyKey: null);
        Assert.True(result.Accepted, "the quota refused the submission");
        return result.Outbound!;
    }

    public async Task<OutboundEmail> ReloadAsync(OutboundEmail outbound) =>
        await Store.GetOutboundAsync(outbound.Id) ?? throw new InvalidOperationException("The outbound record is gone.");

    /// <summary>The raw bytes of every message in an inbox's INBOX.</summary>
    public async Task<IReadOnlyList<string>> InboxMessagesAsync(Inbox inbox)
    {
        var folder = await Store.FindFolderAsync(inbox.Id, Folder.InboxName) ?? throw new InvalidOperationException("No INBOX.");
        var page = await Store.ListMessagesAsync(folder.Id, new MessageQuery(), new PageRequest(100));
        var raws = new List<string>();
        foreach (var message in page.Items)
        {
            await using var stream = await Blobs.OpenReadAsync(message.BlobKey);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            raws.Add(await reader.ReadToEndAsync());
        }

        return raws;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        DeliverySignal.Dispose();
        RelaySignal.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task SeedAsync()
    {
        var now = Clock.GetUtcNow();
        Account = new Account(Ids.New(Ids.Account, Clock), "Relay tests", QuotaLimits.Unlimited, now);
        await Store.CreateAccountAsync(Account);
        await Store.AddDomainAsync(new MailDomain(Domain, Account.Id, IsDefault: true, CatchAllInboxId: null, now));
        var inboxes = new InboxService(Store, Blobs, Clock);
        Alice = await inboxes.CreateAsync(Sender, "alice", Domain, "Alice");
        Bob = await inboxes.CreateAsync(Sender, "bob", Domain, "Bob");
    }
}
