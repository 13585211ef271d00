using System.Diagnostics;
using System.Net;
using ServerlessMail.Net;
using ServerlessMail.Smtp.Tests;

namespace ServerlessMail.Imap.Tests;

/// <summary>
/// A small test-only host: the real <see cref="ImapConnectionHandler"/> on two loopback listeners with OS-chosen ports,
/// one with implicit TLS (as 993) and one cleartext with STARTTLS (as 143), over one <see cref="ImapWorld"/>.
/// </summary>
internal sealed class ImapListeners : IAsyncDisposable
{
    private readonly List<TcpListenerHost> _hosts = [];

    private ImapListeners(ImapWorld world) => World = world;

    public ImapWorld World { get; }

    public int ImplicitTlsPort { get; private set; }

    public int StartTlsPort { get; private set; }

    public static async Task<ImapListeners> StartAsync()
    {
        var listeners = new ImapListeners(await ImapWorld.CreateAsync());
        listeners.ImplicitTlsPort = listeners.Start(implicitTls: true);
        listeners.StartTlsPort = listeners.Start(implicitTls: false);
        return listeners;
    }

    /// <summary>Starts a client program; the caller reads its output as it comes.</summary>
    public static Process Launch(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await World.DisposeAsync();
    }

    private int Start(bool implicitTls)
    {
        var listener = new ListenerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            Name = implicitTls ? "imaps" : "imap",
            ImplicitTls = implicitTls,
            DrainTimeout = TimeSpan.FromSeconds(2),
        };
        var host = new TcpListenerHost(listener, World.Handler(), TestCertificate.Instance);
        host.Start();
        _hosts.Add(host);
        return host.LocalEndPoint!.Port;
    }
}
