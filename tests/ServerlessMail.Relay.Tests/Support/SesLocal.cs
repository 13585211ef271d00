using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace ServerlessMail.Relay.Tests;

/// <summary>
/// aws-ses-v2-local (npm, installed in tools/ses-local by tests/setup.sh), run with node on a free loopback port for
/// the whole test collection. It keeps each message it accepted, parsed, and lists them at <c>GET /store</c>.
/// </summary>
public sealed class SesLocal : IAsyncLifetime
{
    private PeerProcess? _process;

    public Uri Endpoint { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        var cli = Path.Combine(RepositoryLayout.Root, "tools", "ses-local", "node_modules", "aws-ses-v2-local", "dist", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"{cli} is missing: run tests/setup.sh (npm ci in tools/ses-local).");
        }

        var port = FreePort();
        (_process, _) = await PeerProcess.StartAsync("node", [cli, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], "aws-ses-v2-local: server running");
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    public async Task ClearAsync()
    {
        using var response = await Http.PostAsync(new Uri(Endpoint, "clear-store"), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The messages the stand-in has accepted, as it parsed them.</summary>
    public async Task<IReadOnlyList<JsonElement>> EmailsAsync()
    {
        var store = await Http.GetFromJsonAsync<JsonElement>(new Uri(Endpoint, "store"));
        return store.GetProperty("emails").EnumerateArray().ToList();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class SesLocalGroup : ICollectionFixture<SesLocal>
{
    public const string Name = "aws-ses-v2-local";
}
