using System.Diagnostics;
using System.Globalization;
using System.Net;
using ServerlessMail.Relay.Tests;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.Functions.Tests;

/// <summary>
/// The API function as Lambda Web Adapter runs it: <c>run.sh</c> from the build output, as a process, with the deploy
/// contract's variables and <c>AWS_LWA_PORT</c>, against dynalite and s3rver; the adapter's readiness check is
/// <c>GET /readyz</c>, which answers 200 only once the store does.
/// </summary>
[Collection(ServerlessStandIns.Name)]
public sealed class ApiLambdaProcessTests(AwsStandIns aws, SesLocal ses)
{
    [Fact]
    public async Task RunShStartsTheApiOnTheAdapterPortAndReadyzAnswers200()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "run.sh");
        Assert.True(File.Exists(script), "run.sh is not in the build output");
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "ServerlessMail.Api.Lambda.dll")));
        var port = SesLocal.FreePort();
        var start = new ProcessStartInfo("/bin/sh", [script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in ServerlessWorld.EnvironmentFor(aws, ses))
        {
            start.Environment[name] = value;
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "S3RVER";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "S3RVER";
        start.Environment["AWS_LWA_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var ready = new Uri($"http://127.0.0.1:{port}/readyz");
            HttpStatusCode? status = null;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline && !process.HasExited)
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

            Assert.True(status == HttpStatusCode.OK, $"/readyz did not answer 200 (last: {status}); exited: {process.HasExited}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            _ = await output + await errors;
        }
    }
}
