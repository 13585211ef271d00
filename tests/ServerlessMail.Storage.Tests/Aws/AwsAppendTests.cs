using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Aws;

[Collection(AwsStandInsGroup.Name)]
public sealed class AwsAppendTests(AwsStandIns standIns) : AppendContract
{
    protected override Task<StoreHarness> CreateHarnessAsync() => AwsStoreHarness.CreateAsync(standIns);
}
