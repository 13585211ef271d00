namespace ServerlessMail.Storage.Tests.Contract;

/// <summary>
/// The base of every contract test class: each backend derives once per contract class and says how to make a
/// fresh harness. The contract's tests run unchanged against every backend.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    protected StoreHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Harness = await CreateHarnessAsync();
        await Harness.Store.InitializeAsync();
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();

    protected abstract Task<StoreHarness> CreateHarnessAsync();
}
