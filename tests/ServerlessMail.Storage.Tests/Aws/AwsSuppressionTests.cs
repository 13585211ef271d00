using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Aws;

[Collection(AwsStandInsGroup.Name)]
public sealed class AwsSuppressionTests(AwsStandIns standIns) : SuppressionContract
{
    protected override Task<StoreHarness> CreateHarnessAsync() => AwsStoreHarness.CreateAsync(standIns);
}
