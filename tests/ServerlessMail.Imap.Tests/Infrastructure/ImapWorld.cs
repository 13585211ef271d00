using System.Net;
using System.Text;
using ServerlessMail.Core;
using ServerlessMail.Net;
using ServerlessMail.Smtp.Tests;
using ServerlessMail.Storage.Local;

namespace ServerlessMail.Imap.Tests;

/// <summary>
/// A test-only composition: the real embedded store in a temp directory, Core's services over it, an account with
/// inboxes alice and bob and tokens for them. Sessions run over in-memory streams (<see cref="ConnectAsync"/>), each
/// already under TLS unless asked otherwise.
/// </summary>
internal sealed class ImapWorld : IAsyncDisposable
{
    public static readonly IPEndPoint ClientEndPoint = new(IPAddress.Parse("192.0.2.20"), 40_000);

    private readonly DirectoryInfo _directory;
    private TimeProvider? _throttleClock;

    private ImapWorld(DirectoryInfo directory, LocalMailStore store, LocalBlobStore blobs)
    {
        _directory = directory;
        Store = store;
        Blobs = blobs;
        var clock = TimeProvider.System;
        Tokens = new TokenService(store, clock);
        var threads = new ThreadResolver(store, clock);
        Appends = new MessageAppendService(store, blobs, threads, clock, Notifier);
        Ingest = new MailIngestService(store, blobs, new RecipientResolver(store), threads, new DeliverySignal(), clock, Notifier);
        BlobReads = new CountingBlobStore(blobs);
        Services = new ImapServices(store, BlobReads, Tokens, Appends, Notifier);
    }

    public LocalMailStore Store { get; }

    public LocalBlobStore Blobs { get; }

    public TokenService Tokens { get; }

    public MailboxNotifier Notifier { get; } = new();

    public MessageAppendService Appends { get; }

    public MailIngestService Ingest { get; }

    public ImapServices Services { get; }

    /// <summary>The blob store as the IMAP server sees it, counting its reads.</summary>
    public CountingBlobStore BlobReads { get; }

    public Account Account { get; private set; } = null!;

    public Inbox Alice { get; private set; } = null!;

    public Inbox Bob { get; private set; } = null!;

    /// <summary>alice's inbox: read, send, delete.</summary>
    public string AliceToken { get; private set; } = null!;

    public string AliceTokenId { get; private set; } = null!;

    /// <summary>alice's inbox, read only.</summary>
    public string AliceReadToken { get; private set; } = null!;

    /// <summary>The whole account: read, send, delete.</summary>
    public string AccountToken { get; private set; } = null!;

    public CapturingLogger Log { get; } = new();

    public AuthThrottle Throttle { get; private set; } = new(TimeProvider.System);

    public static ImapServerOptions DefaultOptions() => new() { HostName = "imap.hosted.test" };

    public static async Task<ImapWorld> CreateAsync()
    {
        var directory = Directory.CreateTempSubdirectory("sm-imap-");
        var options = new LocalStorageOptions { DataDirectory = directory.FullName, Fsync = false };
        var store = new LocalMailStore(options, TimeProvider.System);
        await store.InitializeAsync();
        var world = new ImapWorld(directory, store, new LocalBlobStore(options));
        await world.SeedAsync();
        return world;
    }

    /// <summary>A world whose alice INBOX holds <paramref name="count"/> messages "M1", "M2", … with these flags.</summary>
    public static async Task<ImapWorld> CreateWithMessagesAsync(int count, MessageFlags flags = MessageFlags.None)
    {
        var world = await CreateAsync();
        for (var i = 1; i <= count; i++)
        {
            await world.AppendAsync(world.Alice, "INBOX", Message("M" + i), flags);
        }

        return world;
    }

    public ImapConnectionHandler Handler(ImapServerOptions? options = null, TimeProvider? clock = null)
    {
        // The throttle runs on the test's clock; connections on the same clock share it, as a server's connections do.
        if (clock is not null && clock != _throttleClock)
        {
            Throttle = new AuthThrottle(clock);
            _throttleClock = clock;
        }

        return new ImapConnectionHandler(options ?? DefaultOptions(), Services, TestCertificate.Instance, Throttle, Log, clock);
    }

    /// <summary>A session over an in-memory stream; <paramref name="implicitTls"/> as on port 993 (the default), else cleartext as on 143.</summary>
    public async Task<ImapTestClient> ConnectAsync(ImapServerOptions? options = null, bool implicitTls = true, TimeProvider? clock = null)
    {
        var handler = Handler(options, clock);
        var (serverStream, clientStream) = PipeDuplexStream.CreatePair();
        var connection = new Connection(serverStream, ClientEndPoint, new IPEndPoint(IPAddress.Loopback, 993), implicitTls);
        var client = new ImapTestClient(clientStream, RunAsync());
        if (implicitTls)
        {
            await client.StartTlsAsync();
        }

        await client.ExpectLineAsync("* OK [CAPABILITY IMAP4rev1");
        return client;

        async Task RunAsync()
        {
            await using (connection)
            {
                if (implicitTls)
                {
                    var upgraded = await connection.StartImplicitTlsAsync(TestCertificate.Instance.ServerOptions(), TimeSpan.FromSeconds(30), CancellationToken.None);
                    Assert.Equal(TlsUpgradeResult.Upgraded, upgraded);
                }

                await Task.Yield();
                await handler.RunAsync(connection, CancellationToken.None);
            }
        }
    }

    /// <summary>A logged-in session as alice (inbox login), INBOX not selected.</summary>
    public async Task<ImapTestClient> LoginAsync(string? token = null, ImapServerOptions? options = null, TimeProvider? clock = null)
    {
        var client = await ConnectAsync(options, clock: clock);
        await client.CommandAsync($"L1 LOGIN alice@hosted.test {token ?? AliceToken}", "L1 OK");
        return client;
    }

    /// <summary>Delivers a message into a folder through Core, as SMTP or the API would (and publishes it).</summary>
    public async Task<StoredMessage> AppendAsync(
        Inbox inbox, string folder, string raw, MessageFlags flags = MessageFlags.None, IReadOnlyList<string>? keywords = null, DateTimeOffset? internalDate = null)
    {
        var found = await Store.FindFolderAsync(inbox.Id, folder) ?? throw new InvalidOperationException("No folder " + folder);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(raw));
        return await Appends.AppendAsync(new AppendRequest(inbox, found, flags, keywords ?? [], internalDate, "test"), content);
    }

    /// <summary>Delivers a message from carol to alice through Core's ingest, as SMTP would (accepted, then delivered).</summary>
    public async Task DeliverAsync(string subject)
    {
        using var raw = new MemoryStream(Encoding.UTF8.GetBytes(Message(subject)));
        var accepted = await Ingest.AcceptAsync(raw, new MessageEnvelope("carol@example.test", ["alice@hosted.test"]));
        await Ingest.DeliverAsync(accepted.Id);
    }

    public static string Message(string subject, string from = "carol@example.test", string body = "Hello there.") =>
        $"From: Carol <{from}>\r\nTo: alice@hosted.test\r\nSubject: {subject}\r\nDate: Fri, 04 Dec 2026 10:00:00 +0000\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\n\r\n{body}\r\n";

    public async Task<Folder> FolderAsync(Inbox inbox, string name) => await Store.FindFolderAsync(inbox.Id, name) ?? throw new InvalidOperationException("No folder " + name);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow disk; the temp directory is cleaned by the OS later.
        }
    }

    private async Task SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        Account = new Account(Ids.New(Ids.Account, TimeProvider.System), "Acme", QuotaLimits.AccountDefault, now);
        await Store.CreateAccountAsync(Account);
        await Store.AddDomainAsync(new MailDomain("hosted.test", Account.Id, true, null, now));
        var inboxes = new InboxService(Store, Blobs, TimeProvider.System);
        var admin = new Principal(Account.Id, "tok_seed", null, TokenPermissions.All);
        Alice = await inboxes.CreateAsync(admin, "alice", "hosted.test", "Alice");
        Bob = await inboxes.CreateAsync(admin, "bob", "hosted.test", "Bob");
        var all = TokenPermissions.Read | TokenPermissions.Send | TokenPermissions.Delete;
        var (token, secret) = await Tokens.CreateAsync(null, Account.Id, "imap", Alice.Id, all, null);
        AliceToken = secret;
        AliceTokenId = token.Id;
        AliceReadToken = (await Tokens.CreateAsync(null, Account.Id, "read", Alice.Id, TokenPermissions.Read, null)).Secret;
        AccountToken = (await Tokens.CreateAsync(null, Account.Id, "account", null, all, null)).Secret;
    }
}
