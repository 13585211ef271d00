using System.Diagnostics;
using System.Globalization;
using System.Net;
using ServerlessMail.Relay.Tests;

namespace ServerlessMail.Functions.Tests;

/// <summary>
/// The API function as Lambda Web Adapter runs it: <c>run.sh</c> from the build output, as a process, with the deploy
/// contract's variables and <c>AWS_LWA_PORT</c>. <see cref="StartAsync"/> returns once <c>GET /readyz</c> (the
/// adapter's readiness check) answers 200.
/// </summary>
internal sealed class ApiLambdaProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _errors;

    private ApiLambdaProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _output = process.StandardOutput.ReadToEndAsync();
        _errors = process.StandardError.ReadToEndAsync();
    }

    public Uri BaseAddress { get; }

    public static async Task<ApiLambdaProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "run.sh");
        Assert.True(File.Exists(script), "run.sh is not in the build output");
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "ServerlessMail.Api.Lambda.dll")));
        var port = SesLocal.FreePort();
        var start = new ProcessStartInfo("/bin/sh", [script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "S3RVER";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "S3RVER";
        start.Environment["AWS_LWA_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        var api = new ApiLambdaProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await api.WaitUntilReadyAsync();
            return api;
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _ = await _output + await _errors;
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = new Uri(BaseAddress, "readyz");
        HttpStatusCode? status = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(ready);
                status = response.StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        Assert.True(status == HttpStatusCode.OK, $"/readyz did not answer 200 (last: {status}); exited: {_process.HasExited}");
    }
}
