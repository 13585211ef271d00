using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Aws;

[Collection(AwsStandInsGroup.Name)]
public sealed class AwsIngestTests(AwsStandIns standIns) : IngestContract
{
    protected override Task<StoreHarness> CreateHarnessAsync() => AwsStoreHarness.CreateAsync(standIns);
}
