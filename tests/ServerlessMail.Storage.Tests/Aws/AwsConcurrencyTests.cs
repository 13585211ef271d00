using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Aws;

[Collection(AwsStandInsGroup.Name)]
public sealed class AwsConcurrencyTests(AwsStandIns standIns) : ConcurrencyContract
{
    protected override Task<StoreHarness> CreateHarnessAsync() => AwsStoreHarness.CreateAsync(standIns);
}
