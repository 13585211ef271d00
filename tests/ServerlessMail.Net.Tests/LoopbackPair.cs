using System.Net;
using System.Net.Sockets;

namespace ServerlessMail.Net.Tests;

/// <summary>A connected pair of real loopback sockets: the server side as a <see cref="Connection"/>, the client as a stream.</summary>
internal sealed class LoopbackPair : IAsyncDisposable
{
    private LoopbackPair(Connection server, NetworkStream client)
    {
        Server = server;
        Client = client;
    }

    public Connection Server { get; }

    public NetworkStream Client { get; }

    public static async Task<LoopbackPair> CreateAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient();
        var connect = client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var accepted = await listener.AcceptSocketAsync();
        await connect;
        return new LoopbackPair(new Connection(new NetworkStream(accepted, ownsSocket: true), accepted.RemoteEndPoint, accepted.LocalEndPoint), client.GetStream());
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Client.DisposeAsync();
    }
}
