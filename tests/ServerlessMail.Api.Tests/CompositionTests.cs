using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local;

namespace ServerlessMail.Api.Tests;

public sealed class CompositionTests
{
    [Fact]
    public void TheApiReferencesCoreAndMimeButNoStorageAdapterOrEdge()
    {
        // The API is a host-level project that still reaches storage only through Core's ports (STYLE.md).
        var references = typeof(ApiApp).Assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("ServerlessMail.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["ServerlessMail.Core", "ServerlessMail.Mime"], references.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ApiAppRunsOnKestrelAtTheUrlsTheHostGives()
    {
        var directory = Directory.CreateTempSubdirectory("sm-api-kestrel-");
        try
        {
            var storage = new LocalStorageOptions { DataDirectory = directory.FullName, Fsync = false };
            await using var store = new LocalMailStore(storage, TimeProvider.System);
            await store.InitializeAsync();
            var services = ApiWorld.Compose(store, new LocalBlobStore(storage), new MailboxNotifier());
            var (_, admin) = await services.Accounts.CreateAsync("Local", "example.test");

            await using var app = ApiApp.Create(services, new ApiOptions(), ["http://127.0.0.1:0"]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await app.StartAsync(timeout.Token);
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(10) };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", timeout.Token)).StatusCode);
            client.DefaultRequestHeaders.Authorization = new("Bearer", admin);
            var created = await client.PostAsJsonAsync("/v1/inboxes", new { localPart = "kestrel" }, timeout.Token);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            await app.StopAsync(timeout.Token);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
