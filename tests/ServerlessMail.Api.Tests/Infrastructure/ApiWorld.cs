using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local;

namespace ServerlessMail.Api.Tests;

/// <summary>
/// A test-only composition: the real embedded store in a temp directory, Core's services over it, and the API on
/// ASP.NET Core's in-memory test server. An account owns <c>hosted.test</c> with inboxes alice and bob; a second
/// account owns <c>other.test</c> with carol, whose resources every scope test reaches for.
/// </summary>
internal sealed class ApiWorld : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;
    private readonly ApiOptions _options;
    private WebApplication _app;

    private ApiWorld(DirectoryInfo directory, LocalMailStore store, LocalBlobStore blobs, ApiOptions options)
    {
        _directory = directory;
        _options = options;
        (Store, Blobs, Services, Ingest, _app) = Open(store, blobs, options);
    }

    public LocalMailStore Store { get; private set; }

    public LocalBlobStore Blobs { get; private set; }

    public DeliverySignal Signal { get; } = new();

    public MailboxNotifier Notifier { get; private set; } = new();

    public MailIngestService Ingest { get; private set; }

    public ApiServices Services { get; private set; }

    public Account Account { get; private set; } = null!;

    public Inbox Alice { get; private set; } = null!;

    public Inbox Bob { get; private set; } = null!;

    public Inbox Carol { get; private set; } = null!;

    /// <summary>Account scope, every permission.</summary>
    public string AdminToken { get; private set; } = null!;

    /// <summary>Alice's inbox: read and send.</summary>
    public string AliceToken { get; private set; } = null!;

    /// <summary>Alice's inbox: read only.</summary>
    public string AliceReadToken { get; private set; } = null!;

    /// <summary>The other account's admin.</summary>
    public string CarolToken { get; private set; } = null!;

    public static async Task<ApiWorld> CreateAsync(ApiOptions? options = null, QuotaLimits? limits = null)
    {
        var directory = Directory.CreateTempSubdirectory("sm-api-");
        var storage = new LocalStorageOptions { DataDirectory = directory.FullName, Fsync = false };
        var store = new LocalMailStore(storage, TimeProvider.System);
        await store.InitializeAsync();
        var world = new ApiWorld(directory, store, new LocalBlobStore(storage), options ?? new ApiOptions { PublicHostName = "mail.hosted.test" });
        await world.SeedAsync(limits ?? QuotaLimits.AccountDefault);
        await world._app.StartAsync();
        return world;
    }

    /// <summary>
    /// Stops the app and closes the store, then opens the same data directory again with new services and a new app,
    /// as a restarted server (or another Lambda instance) would: nothing held in memory survives. Clients made before
    /// are stale; make new ones.
    /// </summary>
    public async Task RestartAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Store.DisposeAsync();
        var storage = new LocalStorageOptions { DataDirectory = _directory.FullName, Fsync = false };
        var store = new LocalMailStore(storage, TimeProvider.System);
        await store.InitializeAsync();
        Notifier = new MailboxNotifier();
        (Store, Blobs, Services, Ingest, _app) = Open(store, new LocalBlobStore(storage), _options);
        await _app.StartAsync();
    }

    /// <summary>Core's services over a store, as a host composes them, sharing one notifier.</summary>
    public static ApiServices Compose(IMailStore store, IBlobStore blobs, MailboxNotifier notifier)
    {
        var clock = TimeProvider.System;
        var tokens = new TokenService(store, clock);
        var threads = new ThreadResolver(store, clock);
        var quotas = new QuotaService(store, clock);
        return new ApiServices(
            store, blobs, tokens, new InboxService(store, blobs, clock), new OutboundService(store, blobs, quotas, threads, clock, null, notifier),
            new MessageAppendService(store, blobs, threads, clock, notifier), notifier, threads, quotas, new AccountService(store, tokens, clock), clock);
    }

    /// <summary>The app's services (its <c>IHostApplicationLifetime</c>, say).</summary>
    public IServiceProvider AppServices => _app.Services;

    public HttpClient Client(string? token)
    {
        var client = _app.GetTestClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A GET as if from <paramref name="address"/> (the in-memory client has no address of its own).</summary>
    public async Task<HttpContext> GetFromAsync(IPAddress address, string path, string? token, string? forwardedFor = null)
    {
        return await _app.GetTestServer().SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = address;
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            if (token is not null)
            {
                context.Request.Headers.Authorization = "Bearer " + token;
            }

            if (forwardedFor is not null)
            {
                context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });
    }

    /// <summary>Delivers a message to <paramref name="recipient"/> the way the SMTP edge does: accept, then deliver.</summary>
    public async Task<string> DeliverAsync(string recipient, string subject, string body = "Hello there.", string from = "sender@elsewhere.test", string? extraParts = null)
    {
        var raw = Message(from, recipient, subject, body, extraParts);
        var accepted = await Ingest.AcceptAsync(new MemoryStream(Encoding.UTF8.GetBytes(raw)), new MessageEnvelope(from, [recipient]));
        var result = await Ingest.DeliverAsync(accepted.Id);
        return result.Recipients.Single().MessageId!;
    }

    public static string Message(string from, string to, string subject, string body, string? extraParts = null) =>
        extraParts is null
            ? $"From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@elsewhere.test>\r\nDate: Fri, 04 Dec 2026 10:00:00 +0000\r\n\r\n{body}\r\n"
            : $"From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@elsewhere.test>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n{body}\r\n{extraParts}--b1--\r\n";

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem response: the status, the problem content type and the stable type URI.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status, string slug)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal("https://serverlessmail.dev/problems/" + slug, problem.GetProperty("type").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
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

    private (LocalMailStore, LocalBlobStore, ApiServices, MailIngestService, WebApplication) Open(LocalMailStore store, LocalBlobStore blobs, ApiOptions options)
    {
        var services = Compose(store, blobs, Notifier);
        var ingest = new MailIngestService(store, blobs, new RecipientResolver(store), services.Threads, Signal, services.Clock, Notifier);
        return (store, blobs, services, ingest, ApiApp.Create(services, options, [], builder => builder.WebHost.UseTestServer()));
    }

    private async Task SeedAsync(QuotaLimits limits)
    {
        var now = DateTimeOffset.UtcNow;
        Account = new Account(Ids.New(Ids.Account), "Acme", limits, now);
        await Store.CreateAccountAsync(Account);
        await Store.AddDomainAsync(new MailDomain("hosted.test", Account.Id, true, null, now));
        var admin = new Principal(Account.Id, "tok_seed", null, TokenPermissions.All);
        Alice = await Services.Inboxes.CreateAsync(admin, "alice", "hosted.test", "Alice");
        Bob = await Services.Inboxes.CreateAsync(admin, "bob", "hosted.test", "Bob");
        AdminToken = (await Services.Tokens.CreateAsync(null, Account.Id, "admin", null, TokenPermissions.All, null)).Secret;
        AliceToken = (await Services.Tokens.CreateAsync(null, Account.Id, "alice", Alice.Id, TokenPermissions.Read | TokenPermissions.Send, null)).Secret;
        AliceReadToken = (await Services.Tokens.CreateAsync(null, Account.Id, "alice-read", Alice.Id, TokenPermissions.Read, null)).Secret;

        var (other, otherAdmin) = await Services.Accounts.CreateAsync("Other", "other.test");
        CarolToken = otherAdmin;
        Carol = await Services.Inboxes.CreateAsync(new Principal(other.Id, "tok_seed", null, TokenPermissions.All), "carol", null, "Carol");
    }
}
