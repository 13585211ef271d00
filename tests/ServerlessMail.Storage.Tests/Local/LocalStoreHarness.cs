using ServerlessMail.Core;
using ServerlessMail.Storage.Local;
using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Local;

/// <summary>The embedded store on a fresh temp directory, deleted with the harness.</summary>
public sealed class LocalStoreHarness : StoreHarness
{
    private readonly LocalMailStore _store;

    public LocalStoreHarness(bool fsync = true)
    {
        Directory = Path.Combine(Path.GetTempPath(), "sm-local-" + Guid.NewGuid().ToString("N"));
        Options = new LocalStorageOptions { DataDirectory = Directory, Fsync = fsync };
        _store = new LocalMailStore(Options, Clock);
        Blobs = new LocalBlobStore(Options);
    }

    public string Directory { get; }

    public LocalStorageOptions Options { get; }

    public LocalMailStore LocalStore => _store;

    public override IMailStore Store => _store;

    public override IBlobStore Blobs { get; }

    public override string Backend => "local";

    public static async Task<StoreHarness> CreateAsync() => await Task.FromResult<StoreHarness>(new LocalStoreHarness());

    public override async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
