using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using ServerlessMail.Core;
using ServerlessMail.Net;
using ServerlessMail.Storage.Local;

namespace ServerlessMail.Smtp.Tests;

/// <summary>
/// A test-only composition: the real embedded store in a temp directory, Core's services over it, and an account
/// with the hosted domain <c>hosted.test</c>, inboxes alice and bob, and tokens for them. Sessions run over in-memory
/// streams (<see cref="ConnectAsync"/>) or real loopback sockets (<see cref="SmtpListeners"/>).
/// </summary>
internal sealed class SmtpWorld : IAsyncDisposable
{
    public static readonly IPEndPoint ClientEndPoint = new(IPAddress.Parse("192.0.2.10"), 40_000);

    private readonly DirectoryInfo _directory;

    private SmtpWorld(DirectoryInfo directory, LocalMailStore store, LocalBlobStore blobs)
    {
        _directory = directory;
        Store = store;
        Blobs = blobs;
        var clock = TimeProvider.System;
        Tokens = new TokenService(store, clock);
        Recipients = new RecipientResolver(store);
        var threads = new ThreadResolver(store, clock);
        Ingest = new MailIngestService(store, blobs, Recipients, threads, Signal, clock);
        Outbound = new OutboundService(store, blobs, new QuotaService(store, clock), threads, clock);
        Services = new SmtpServices(Ingest, Outbound, Recipients, Tokens);
    }

    public LocalMailStore Store { get; }

    public LocalBlobStore Blobs { get; }

    public DeliverySignal Signal { get; } = new();

    public TokenService Tokens { get; }

    public RecipientResolver Recipients { get; }

    public MailIngestService Ingest { get; }

    public OutboundService Outbound { get; }

    public SmtpServices Services { get; }

    public Account Account { get; private set; } = null!;

    public Inbox Alice { get; private set; } = null!;

    public Inbox Bob { get; private set; } = null!;

    /// <summary>A token with send permission scoped to alice's inbox.</summary>
    public string AliceToken { get; private set; } = null!;

    /// <summary>A token for alice's inbox that may only read.</summary>
    public string AliceReadToken { get; private set; } = null!;

    public string AliceTokenId { get; private set; } = null!;

    public CapturingLogger Log { get; } = new();

    /// <summary>
    /// Makes every later blob write fail as a full or broken disk would: the blob directory is replaced by a file,
    /// so creating anything under it is an I/O error. Reads of the metadata store keep working.
    /// </summary>
    public void BreakBlobWrites()
    {
        var blobs = Path.Combine(_directory.FullName, LocalStorageOptions.BlobDirectoryName);
        Directory.Delete(blobs, recursive: true);
        File.WriteAllText(blobs, "not a directory");
    }

    public AuthThrottle Throttle { get; private set; } = new(TimeProvider.System);

    public static async Task<SmtpWorld> CreateAsync(QuotaLimits? accountLimits = null)
    {
        var directory = Directory.CreateTempSubdirectory("sm-smtp-");
        var options = new LocalStorageOptions { DataDirectory = directory.FullName, Fsync = false };
        var store = new LocalMailStore(options, TimeProvider.System);
        await store.InitializeAsync();
        var world = new SmtpWorld(directory, store, new LocalBlobStore(options));
        await world.SeedAsync(accountLimits ?? QuotaLimits.AccountDefault);
        return world;
    }

    public SmtpConnectionHandler Handler(SmtpRole role, SmtpServerOptions? options = null, TimeProvider? clock = null, bool withCertificate = true)
    {
        if (clock is not null)
        {
            Throttle = new AuthThrottle(clock);
        }

        return new SmtpConnectionHandler(
            role,
            options ?? DefaultOptions,
            Services,
            withCertificate ? TestCertificate.Instance : null,
            Throttle,
            Log,
            clock);
    }

    /// <summary>Options for tests: no greeting pause (a test that needs one sets it).</summary>
    public static SmtpServerOptions DefaultOptions { get; } = new() { HostName = "mx.hosted.test", GreetingDelay = TimeSpan.Zero };

    public static SmtpServerOptions DefaultOptionsWith(Func<SmtpServerOptions, SmtpServerOptions> change) => change(DefaultOptions);

    /// <summary>Starts a session over an in-memory stream and returns its client; for 465, after the TLS handshake.</summary>
    public async Task<SmtpTestClient> ConnectAsync(SmtpRole role, SmtpServerOptions? options = null, TimeProvider? clock = null, bool withCertificate = true)
    {
        var handler = Handler(role, options, clock, withCertificate);
        return await ConnectAsync(handler, role == SmtpRole.Submissions);
    }

    public static async Task<SmtpTestClient> ConnectAsync(IConnectionHandler handler, bool implicitTls, byte[]? sendBeforeStart = null)
    {
        var (serverStream, clientStream) = PipeDuplexStream.CreatePair();
        var connection = new Connection(serverStream, ClientEndPoint, new IPEndPoint(IPAddress.Loopback, 25), implicitTls);
        if (sendBeforeStart is not null)
        {
            await clientStream.WriteAsync(sendBeforeStart);
        }

        var client = new SmtpTestClient(clientStream, RunAsync());
        if (implicitTls)
        {
            await client.StartTlsAsync();
        }

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

    /// <summary>Accepted (not yet delivered) messages, oldest first.</summary>
    public Task<IReadOnlyList<AcceptedMessage>> AcceptedAsync() => Store.ListDueAcceptedAsync(DateTimeOffset.MaxValue, 1_000);

    public async Task<string> ReadBlobAsync(string key)
    {
        await using var stream = await Blobs.OpenReadAsync(key);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Messages in a folder of an inbox (newest first).</summary>
    public async Task<IReadOnlyList<StoredMessage>> MessagesAsync(Inbox inbox, string folder)
    {
        var found = await Store.FindFolderAsync(inbox.Id, folder) ?? throw new InvalidOperationException($"No folder {folder}.");
        var page = await Store.ListMessagesAsync(found.Id, new MessageQuery(), new PageRequest(100));
        return page.Items;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Signal.Dispose();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow CI disk; the temp directory is cleaned by the OS later.
        }
    }

    private async Task SeedAsync(QuotaLimits limits)
    {
        var now = DateTimeOffset.UtcNow;
        Account = new Account(Ids.New(Ids.Account, TimeProvider.System), "Acme", limits, now);
        await Store.CreateAccountAsync(Account);
        await Store.AddDomainAsync(new MailDomain("hosted.test", Account.Id, true, null, now));
        var inboxes = new InboxService(Store, Blobs, TimeProvider.System);
        var admin = new Principal(Account.Id, "tok_seed", null, TokenPermissions.All);
        Alice = await inboxes.CreateAsync(admin, "alice", "hosted.test", "Alice");
        Bob = await inboxes.CreateAsync(admin, "bob", "hosted.test", "Bob");
        var (token, secret) = await Tokens.CreateAsync(null, Account.Id, "smtp", Alice.Id, TokenPermissions.Send | TokenPermissions.Read, null);
        AliceToken = secret;
        AliceTokenId = token.Id;
        AliceReadToken = (await Tokens.CreateAsync(null, Account.Id, "read", Alice.Id, TokenPermissions.Read, null)).Secret;
    }
}
