using System.Diagnostics;
using ServerlessMail.Core;
using ServerlessMail.Storage.Local;
using ServerlessMail.Storage.Tests.Contract;

namespace ServerlessMail.Storage.Tests.Local;

/// <summary>The blob files: what a crash leaves behind is cleaned up, and no key reaches outside the blob root or a temp file.</summary>
public sealed class LocalBlobFileTests : StoreContract
{
    private LocalStoreHarness Local => (LocalStoreHarness)Harness;

    private string BlobRoot => Path.Combine(Local.Directory, "blobs");

    [Fact]
    public async Task TempFilesLeftByACrashAreRemovedWhenTheStoreOpens()
    {
        await Local.Blobs.PutAsync("raw/a/kept.eml", new MemoryStream([1, 2, 3]));
        var orphan = Path.Combine(BlobRoot, "raw", "a", ".tmp-0123456789abcdef");
        await File.WriteAllBytesAsync(orphan, [9, 9]);

        var reopened = new LocalBlobStore(Local.Options);

        Assert.False(File.Exists(orphan));
        Assert.Equal([1, 2, 3], await ReadAsync(reopened, "raw/a/kept.eml"));
    }

    [Fact]
    public async Task TempFilesOfARunningWriterAreLeftForItWhenAnotherStoreOpens()
    {
        // An operator command opens the store while serve writes: its puts in flight must survive the sweep.
        await Local.Blobs.PutAsync("raw/a/kept.eml", new MemoryStream([1, 2, 3]));
        using var writer = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var inFlight = Path.Combine(BlobRoot, "raw", "a", $".tmp-{writer.Id}-0123456789abcdef");
        var ours = Path.Combine(BlobRoot, "raw", "a", $".tmp-{Environment.ProcessId}-0123456789abcdef");
        var orphan = Path.Combine(BlobRoot, "raw", "a", ".tmp-2147483646-0123456789abcdef");
        foreach (var path in new[] { inFlight, ours, orphan })
        {
            await File.WriteAllBytesAsync(path, [9, 9]);
        }

        try
        {
            _ = new LocalBlobStore(Local.Options);

            Assert.Equal((true, true, false), (File.Exists(inFlight), File.Exists(ours), File.Exists(orphan)));
            writer.Kill();
            await writer.WaitForExitAsync();
            _ = new LocalBlobStore(Local.Options);
            Assert.False(File.Exists(inFlight));
        }
        finally
        {
            File.Delete(ours);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    [InlineData("../outside")]
    [InlineData("raw/../../outside")]
    [InlineData("raw/./x")]
    [InlineData("raw//x")]
    [InlineData("raw/x/")]
    [InlineData("raw\\x")]
    [InlineData("raw/\u0000x")]
    [InlineData(".tmp-0123")]
    [InlineData("raw/.tmp-0123/x")]
    public async Task KeysThatCouldLeaveTheRootOrNameATempFileAreRefused(string key)
    {
        await AssertInvalidAsync(() => Local.Blobs.PutAsync(key, new MemoryStream([1])));
        await AssertInvalidAsync(() => Local.Blobs.OpenReadAsync(key));
        await AssertInvalidAsync(() => Local.Blobs.OpenRangeAsync(key, 0, 1));
        await AssertInvalidAsync(() => Local.Blobs.DeleteAsync(key));
        Assert.False(File.Exists(Path.Combine(Local.Directory, "outside")));
    }

    [Fact]
    public async Task APutWhoseStreamFailsLeavesNeitherTheKeyNorATempFile()
    {
        await Assert.ThrowsAsync<IOException>(() => Local.Blobs.PutAsync("raw/b/broken.eml", new FailingStream()));

        Assert.Empty(Directory.EnumerateFiles(BlobRoot, "*", SearchOption.AllDirectories));
        var missing = await Assert.ThrowsAsync<MailStoreException>(() => Local.Blobs.OpenReadAsync("raw/b/broken.eml"));
        Assert.Equal(MailStoreError.NotFound, missing.Error);
    }

    [Fact]
    public async Task ConcurrentPutsIntoOneNewDirectoryAreEachStoredWhole()
    {
        var contents = Enumerable.Range(0, 64).Select(i => Enumerable.Repeat((byte)i, 1_000 + i).ToArray()).ToList();

        await Task.WhenAll(contents.Select((content, i) => Local.Blobs.PutAsync($"raw/c/{i}.eml", new MemoryStream(content))));

        for (var i = 0; i < contents.Count; i++)
        {
            Assert.Equal(contents[i], await ReadAsync(Local.Blobs, $"raw/c/{i}.eml"));
        }

        Assert.Empty(Directory.EnumerateFiles(BlobRoot, ".tmp-*", SearchOption.AllDirectories));
    }

    protected override Task<StoreHarness> CreateHarnessAsync() => LocalStoreHarness.CreateAsync();

    private static async Task AssertInvalidAsync(Func<Task> action)
    {
        var exception = await Assert.ThrowsAsync<MailStoreException>(action);
        Assert.Equal(MailStoreError.InvalidArgument, exception.Error);
    }

    private static async Task<byte[]> ReadAsync(IBlobStore blobs, string key)
    {
        await using var stream = await blobs.OpenReadAsync(key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Yields some bytes, then fails like a dropped connection in the middle of DATA.</summary>
    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_reads++ > 0)
            {
                throw new IOException("The connection was reset.");
            }

            buffer.AsSpan(offset, count).Fill((byte)'x');
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
