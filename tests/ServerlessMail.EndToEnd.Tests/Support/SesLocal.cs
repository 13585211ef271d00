using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace ServerlessMail.EndToEnd.Tests;

/// <summary>
/// aws-ses-v2-local (npm, installed in tools/ses-local by tests/setup.sh) on a free loopback port, as the relay tests
/// run it. It keeps each message it accepted, parsed, and lists them at <c>GET /store</c>.
/// </summary>
internal sealed class SesLocal : IAsyncDisposable
{
    private readonly Process _process;

    private SesLocal(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<SesLocal> StartAsync()
    {
        var cli = Path.Combine(RepositoryLayout.Root, "tools", "ses-local", "node_modules", "aws-ses-v2-local", "dist", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"{cli} is missing: run tests/setup.sh (npm ci in tools/ses-local).");
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { cli, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("aws-ses-v2-local exited before it was ready."));
            }
            else if (e.Data.StartsWith("aws-ses-v2-local: server running", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ses = new SesLocal(process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await ses.DisposeAsync();
            throw;
        }

        return ses;
    }

    /// <summary>The messages the stand-in has accepted, as it parsed them.</summary>
    public async Task<IReadOnlyList<JsonElement>> EmailsAsync()
    {
        using var http = new HttpClient();
        var store = await http.GetFromJsonAsync<JsonElement>(new Uri(Endpoint, "store"));
        return store.GetProperty("emails").EnumerateArray().ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
