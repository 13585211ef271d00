using ServerlessMail.Relay.Tests;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.Functions.Tests;

/// <summary>
/// The API function as Lambda Web Adapter runs it, against dynalite and s3rver: the adapter's readiness check is
/// <c>GET /readyz</c>, which answers 200 only once the store does.
/// </summary>
[Collection(ServerlessStandIns.Name)]
public sealed class ApiLambdaProcessTests(AwsStandIns aws, SesLocal ses)
{
    [Fact]
    public async Task RunShStartsTheApiOnTheAdapterPortAndReadyzAnswers200()
    {
        await using var api = await ApiLambdaProcess.StartAsync(ServerlessWorld.EnvironmentFor(aws, ses));
        Assert.Equal("127.0.0.1", api.BaseAddress.Host);
    }
}
