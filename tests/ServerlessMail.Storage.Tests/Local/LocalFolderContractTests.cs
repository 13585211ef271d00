using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Local;

public sealed class LocalFolderContractTests : FolderContract
{
    protected override Task<StoreHarness> CreateHarnessAsync() => LocalStoreHarness.CreateAsync();
}
