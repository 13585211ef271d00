using System.Diagnostics;
using System.Net;
using ServerlessMail.Net;

namespace ServerlessMail.Smtp.Tests;

/// <summary>
/// A small test-only host: the three SMTP listeners on loopback ports chosen by the OS, over one <see cref="SmtpWorld"/>,
/// with the self-signed test certificate. This is what <c>serverlessmail serve</c> will compose, minus configuration.
/// </summary>
internal sealed class SmtpListeners : IAsyncDisposable
{
    private readonly List<TcpListenerHost> _hosts = [];

    private SmtpListeners(SmtpWorld world) => World = world;

    public SmtpWorld World { get; }

    public int InboundPort { get; private set; }

    public int SubmissionPort { get; private set; }

    public int SubmissionsPort { get; private set; }

    public static async Task<SmtpListeners> StartAsync(SmtpServerOptions? options = null, int maxConnectionsPerAddress = 20, int maxConnections = 1_000)
    {
        var listeners = new SmtpListeners(await SmtpWorld.CreateAsync());
        listeners.InboundPort = listeners.Start(SmtpRole.Inbound, options, maxConnectionsPerAddress, maxConnections);
        listeners.SubmissionPort = listeners.Start(SmtpRole.Submission, options, maxConnectionsPerAddress, maxConnections);
        listeners.SubmissionsPort = listeners.Start(SmtpRole.Submissions, options, maxConnectionsPerAddress, maxConnections);
        return listeners;
    }

    /// <summary>Runs a client program to its end and returns its exit code and output (stdout and stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await World.DisposeAsync();
    }

    private int Start(SmtpRole role, SmtpServerOptions? options, int maxConnectionsPerAddress, int maxConnections)
    {
        var listener = new ListenerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            Name = "smtp-" + role.ToString().ToLowerInvariant(),
            ImplicitTls = role == SmtpRole.Submissions,
            MaxConnectionsPerAddress = maxConnectionsPerAddress,
            MaxConnections = maxConnections,
            DrainTimeout = TimeSpan.FromSeconds(2),
        };
        var host = new TcpListenerHost(listener, World.Handler(role, options), TestCertificate.Instance);
        host.Start();
        _hosts.Add(host);
        return host.LocalEndPoint!.Port;
    }
}
