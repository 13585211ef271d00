using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Aws;

[Collection(AwsStandInsGroup.Name)]
public sealed class AwsBlobLifetimeTests(AwsStandIns standIns) : BlobLifetimeContract
{
    protected override Task<StoreHarness> CreateHarnessAsync() => AwsStoreHarness.CreateAsync(standIns);
}
