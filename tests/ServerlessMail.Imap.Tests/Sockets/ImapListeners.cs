using System.Diagnostics;
using System.Net;
using System.Text;
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

    /// <summary>
    /// Runs a client program to its end, handing each line it prints to <paramref name="onLine"/> as it comes (so a
    /// test can act while the client waits, as during IDLE). Fails unless it exits 0; returns its stdout then stderr.
    /// </summary>
    public static async Task<string> RunClientAsync(
        string program, IEnumerable<string> arguments, Func<string, Task> onLine, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.Append(line).Append('\n');
            await onLine(line);
        }

        await process.WaitForExitAsync(timeout.Token);
        var all = output + await stderr;
        Assert.True(process.ExitCode == 0, all);
        return all;
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
