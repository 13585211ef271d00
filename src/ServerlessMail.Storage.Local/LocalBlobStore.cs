using System.Collections.Concurrent;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local.Blobs;

namespace ServerlessMail.Storage.Local;

/// <summary>
/// <see cref="IBlobStore"/> on files under <c>DataDirectory/blobs</c>. A put writes a temp file in the target
/// directory, fsyncs it, renames it over the final name (atomic: readers see the old file or the new one, never a
/// part), fsyncs the directory, and only then returns. Temp files a crash left behind are deleted when the store
/// opens; no key can name one.
/// </summary>
public sealed class LocalBlobStore : IBlobStore
{
    private const int CopyBufferSize = 81920;

    private readonly BlobPaths _paths;
    private readonly bool _fsync;
    private readonly string _dataDirectory;
    private readonly DirectoryFlusher _flusher = new();

    // Directories whose entry, and every ancestor's up to the data directory, is known to be on disk.
    private readonly ConcurrentDictionary<string, bool> _durableDirectories = new(StringComparer.Ordinal);

    public LocalBlobStore(LocalStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.DataDirectory);
        _fsync = options.Fsync;
        _dataDirectory = Path.GetFullPath(options.DataDirectory);
        _paths = new BlobPaths(options.BlobRoot);
        Directory.CreateDirectory(_paths.Root);
        RemoveTempFiles();
    }

    public async Task<long> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = _paths.Resolve(key);
        var directory = Path.GetDirectoryName(path)!;
        try
        {
            await EnsureDirectoryAsync(directory).ConfigureAwait(false);
            var temp = BlobPaths.NewTempPath(directory);
            long length;
            try
            {
                length = await WriteFileAsync(temp, content, cancellationToken).ConfigureAwait(false);
                File.Move(temp, path, overwrite: true);
            }
            catch
            {
                File.Delete(temp);
                throw;
            }

            if (_fsync)
            {
                await _flusher.FlushAsync(directory).ConfigureAwait(false);
            }

            return length;
        }
        catch (IOException exception)
        {
            throw new MailStoreException(MailStoreError.Unavailable, $"Storing blob '{key}' failed: {exception.Message}", exception);
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        Run<Stream>(() => Open(key));

    public Task<Stream> OpenRangeAsync(string key, long offset, long length, CancellationToken cancellationToken = default) =>
        Run<Stream>(() =>
        {
            if (offset < 0 || length < 0)
            {
                throw new MailStoreException(MailStoreError.InvalidArgument, "A range needs a non-negative offset and length.");
            }

            var file = Open(key);
            var start = Math.Min(offset, file.Length);
            return new RangeStream(file, start, Math.Min(length, file.Length - start));
        });

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            try
            {
                File.Delete(_paths.Resolve(key));
            }
            catch (DirectoryNotFoundException)
            {
                // Nothing was there: deleting a missing key is not an error.
            }

            return true;
        });

    /// <summary>These calls finish synchronously (opening a file does not block long); failures still arrive as faulted tasks.</summary>
    private static Task<T> Run<T>(Func<T> action)
    {
        try
        {
            return Task.FromResult(action());
        }
        catch (MailStoreException exception)
        {
            return Task.FromException<T>(exception);
        }
    }

    private FileStream Open(string key)
    {
        var path = _paths.Resolve(key);
        try
        {
            // FileShare.Delete: a reader must not stop a concurrent delete or replace (rename over) of the key.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 16384, FileOptions.Asynchronous);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new MailStoreException(MailStoreError.NotFound, $"The blob '{key}' was not found.", exception);
        }
    }

    private async Task<long> WriteFileAsync(string temp, Stream content, CancellationToken cancellationToken)
    {
        var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        await using (file.ConfigureAwait(false))
        {
            await content.CopyToAsync(file, CopyBufferSize, cancellationToken).ConfigureAwait(false);
            if (_fsync)
            {
                file.Flush(flushToDisk: true);
            }

            return file.Length;
        }
    }

    /// <summary>
    /// Creates the directory and makes its entry durable: each ancestor up to the data directory is fsynced once per
    /// process, since any of them may have just been created (by this put or a concurrent one).
    /// </summary>
    private async Task EnsureDirectoryAsync(string directory)
    {
        if (_durableDirectories.ContainsKey(directory))
        {
            return;
        }

        Directory.CreateDirectory(directory);
        if (_fsync)
        {
            for (var parent = Path.GetDirectoryName(directory); parent is not null && parent.Length >= _dataDirectory.Length; parent = Path.GetDirectoryName(parent))
            {
                await _flusher.FlushAsync(parent).ConfigureAwait(false);
            }
        }

        _durableDirectories.TryAdd(directory, true);
    }

    /// <summary>Deletes what a crash left between write and rename; such files were never acknowledged.</summary>
    private void RemoveTempFiles()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        foreach (var temp in Directory.EnumerateFiles(_paths.Root, BlobPaths.TempPrefix + "*", options))
        {
            File.Delete(temp);
        }
    }
}
