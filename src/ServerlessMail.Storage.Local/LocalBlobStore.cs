using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
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
        await DiskErrors.GuardAsync(key, () => EnsureDirectoryAsync(directory)).ConfigureAwait(false);
        var temp = BlobPaths.NewTempPath(directory);
        long length;
        try
        {
            length = await WriteFileAsync(key, temp, content, cancellationToken).ConfigureAwait(false);
            DiskErrors.Guard(key, () => File.Move(temp, path, overwrite: true));
        }
        catch
        {
            // Never renamed, so never acknowledged: the temp file goes (a crash here leaves it to RemoveTempFiles).
            File.Delete(temp);
            throw;
        }

        if (_fsync)
        {
            await DiskErrors.GuardAsync(key, () => _flusher.FlushAsync(directory)).ConfigureAwait(false);
        }

        return length;
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
            // Blobs are replaced by rename, never written in place, so readers need no lock (and ReadWrite sharing
            // spares the flock(2) .NET takes otherwise); Delete sharing lets a delete or replace proceed meanwhile.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 16384, FileOptions.Asynchronous);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new MailStoreException(MailStoreError.NotFound, $"The blob '{key}' was not found.", exception);
        }
    }

    /// <summary>
    /// Copies the content into the temp file and fsyncs it. A failure of <paramref name="content"/> (a dropped client)
    /// propagates as it is; a failure of the disk is the store's, <see cref="MailStoreError.Unavailable"/>.
    /// </summary>
    private async Task<long> WriteFileAsync(string key, string temp, Stream content, CancellationToken cancellationToken)
    {
        // The temp name is unique, so no lock is needed; sharing ReadWrite keeps .NET from taking an flock(2) per file.
        var file = DiskErrors.Guard(key, () => new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0));
        await using (file.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
            try
            {
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await DiskErrors.GuardAsync(key, () => file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).AsTask()).ConfigureAwait(false);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (_fsync)
            {
                DiskErrors.Guard(key, () => file.Flush(flushToDisk: true));
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

    /// <summary>
    /// Deletes what a crash left between write and rename; such files were never acknowledged. A temp file whose
    /// writer is still running is a put in flight (another process shares the directory, or this one opened the store
    /// twice) and is left alone; a reused process id only delays a sweep to a later start.
    /// </summary>
    private void RemoveTempFiles()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        foreach (var temp in Directory.EnumerateFiles(_paths.Root, BlobPaths.TempPrefix + "*", options))
        {
            if (BlobPaths.WriterOf(temp) is not { } writer || !IsRunning(writer))
            {
                File.Delete(temp);
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        if (processId == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
