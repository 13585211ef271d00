using ServerlessMail.Core;

namespace ServerlessMail.Imap.Tests;

/// <summary>The real blob store, counting the reads the IMAP server makes, so a test can show a search read no blob.</summary>
internal sealed class CountingBlobStore(IBlobStore inner) : IBlobStore
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public Task<long> PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.OpenReadAsync(key, cancellationToken);
    }

    public Task<Stream> OpenRangeAsync(string key, long offset, long length, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.OpenRangeAsync(key, offset, length, cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
}
