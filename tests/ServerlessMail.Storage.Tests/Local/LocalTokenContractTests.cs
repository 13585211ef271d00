using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Local;

public sealed class LocalTokenContractTests : TokenContract
{
    protected override Task<StoreHarness> CreateHarnessAsync() => LocalStoreHarness.CreateAsync();
}
