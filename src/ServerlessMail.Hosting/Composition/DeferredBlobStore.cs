using ServerlessMail.Core;

namespace ServerlessMail.Hosting;

/// <summary>
/// An <see cref="IBlobStore"/> made on first use. Operator commands get this for the embedded store: opening
/// <c>LocalBlobStore</c> sweeps the temp files a crash left behind, and with <c>serve</c> running on the same data
/// directory those are the files its puts in flight are writing. The commands that only touch metadata (inbox and
/// token management) then never sweep.
/// </summary>
internal sealed class DeferredBlobStore(Func<IBlobStore> create) : IBlobStore
{
    private readonly Lazy<IBlobStore> _inner = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public Task<long> PutAsync(string key, Stream content, CancellationToken cancellationToken = default) =>
        _inner.Value.PutAsync(key, content, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        _inner.Value.OpenReadAsync(key, cancellationToken);

    public Task<Stream> OpenRangeAsync(string key, long offset, long length, CancellationToken cancellationToken = default) =>
        _inner.Value.OpenRangeAsync(key, offset, length, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        _inner.Value.DeleteAsync(key, cancellationToken);
}
