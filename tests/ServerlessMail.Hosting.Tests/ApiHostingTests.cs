using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace ServerlessMail.Hosting.Tests;

/// <summary>The REST API in the server's process: on its port, over the same store, started and stopped with it.</summary>
public sealed class ApiHostingTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sm-api-host-");

    [Fact]
    public async Task TheAdminToken_CreatesAnInboxThroughTheApi_WhichTheStoreHolds_AndTheApiStopsWithTheServer()
    {
        var options = TestServer.Options(_directory);
        IPEndPoint api;
        await using (var server = await MailServer.StartAsync(options, NullLoggerFactory.Instance))
        {
            api = server.ApiEndPoint!;
            Assert.Equal(new IPEndPoint(IPAddress.Loopback, options.ApiPort), api);
            using var http = new HttpClient { BaseAddress = new Uri($"http://{api}") };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);

            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.FirstStart!.NewAdminToken);
            using var created = await http.PostAsJsonAsync(new Uri("/v1/inboxes", UriKind.Relative), new { localPart = "agent" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            Assert.Equal("agent@example.test", body.RootElement.GetProperty("address").GetString());

            var stored = await server.Services.Store.FindInboxByAddressAsync("agent@example.test");
            Assert.Equal(body.RootElement.GetProperty("id").GetString(), stored?.Id);
        }

        using var probe = new TcpListener(api);
        probe.Start();
    }

    [Fact]
    public async Task TheApiPortInUse_IsAStartErrorNamingIt()
    {
        var options = TestServer.Options(_directory);
        using var squatter = new TcpListener(IPAddress.Loopback, options.ApiPort);
        squatter.Start();

        var exception = await Assert.ThrowsAsync<ServerStartException>(() => MailServer.StartAsync(options, NullLoggerFactory.Instance));

        Assert.StartsWith($"cannot listen on 127.0.0.1:{options.ApiPort} (api): ", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
