using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Local;

public sealed class LocalIngestContractTests : IngestContract
{
    protected override Task<StoreHarness> CreateHarnessAsync() => LocalStoreHarness.CreateAsync();
}
