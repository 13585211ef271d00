using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Local;

public sealed class LocalBadInputContractTests : BadInputContract
{
    protected override Task<StoreHarness> CreateHarnessAsync() => LocalStoreHarness.CreateAsync();
}
