using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Local;

public sealed class LocalOutboundContractTests : OutboundContract
{
    protected override Task<StoreHarness> CreateHarnessAsync() => LocalStoreHarness.CreateAsync();
}
