using ServerlessMail.Relay.Tests;
using ServerlessMail.Storage.Tests.Aws;

namespace ServerlessMail.Functions.Tests;

/// <summary>The base of every handler test: a fresh <see cref="ServerlessWorld"/> per test, and aws-ses-v2-local emptied.</summary>
public abstract class ServerlessTest(AwsStandIns aws, SesLocal ses) : IAsyncLifetime
{
    protected ServerlessWorld World { get; private set; } = null!;

    protected SesLocal Ses => ses;

    public async Task InitializeAsync()
    {
        World = await ServerlessWorld.CreateAsync(aws, ses);
        await ses.ClearAsync();
    }

    public async Task DisposeAsync() => await World.DisposeAsync();
}
