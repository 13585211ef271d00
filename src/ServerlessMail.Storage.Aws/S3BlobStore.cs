using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ServerlessMail.Storage.Aws;

/// <summary>
/// <see cref="IBlobStore"/> on one S3 bucket, keys as given (Core's <see cref="BlobKeys"/>). S3 makes a PUT durable
/// and atomic by itself: when PutObject returns the object is stored redundantly, and readers see the old object or
/// the new one, never a part.
/// </summary>
public sealed class S3BlobStore : IBlobStore
{
    /// <summary>Non-seekable uploads up to this size are spooled in memory; larger ones to a temporary file.</summary>
    private const int MemorySpoolLimit = 1024 * 1024;

    private readonly IAmazonS3 _client;
    private readonly AwsStorageOptions _options;

    public S3BlobStore(IAmazonS3 client, AwsStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.BucketName);
        _client = client;
        _options = options;
    }

    /// <summary>Creates the bucket when <see cref="AwsStorageOptions.CreateIfMissing"/>; otherwise checks that it exists.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await CallAsync(() => _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _options.BucketName, MaxKeys = 1 }, cancellationToken)).ConfigureAwait(false);
        }
        catch (MailStoreException exception) when (exception.Error == MailStoreError.NotFound && _options.CreateIfMissing)
        {
            await CallAsync(() => _client.PutBucketAsync(new PutBucketRequest { BucketName = _options.BucketName }, cancellationToken)).ConfigureAwait(false);
        }
        catch (MailStoreException exception) when (exception.Error == MailStoreError.NotFound)
        {
            throw new MailStoreException(MailStoreError.Unavailable, $"The S3 bucket '{_options.BucketName}' does not exist.", exception);
        }
    }

    public async Task<long> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(content);

        // S3 needs the length up front (a PUT without Content-Length is refused), so a stream that cannot tell its
        // length, such as SMTP DATA being dot-unstuffed, is spooled first.
        var (body, owned) = content.CanSeek ? (content, false) : (await SpoolAsync(content, cancellationToken).ConfigureAwait(false), true);
        try
        {
            var length = body.Length - body.Position;
            var request = new PutObjectRequest
            {
                BucketName = _options.BucketName,
                Key = key,
                InputStream = body,
                AutoCloseStream = false,
                AutoResetStreamPosition = false,
                ContentType = "message/rfc822",
                UseChunkEncoding = _options.UseChunkEncoding,
            };
            request.Headers.ContentLength = length;
            await CallAsync(() => _client.PutObjectAsync(request, cancellationToken)).ConfigureAwait(false);
            return length;
        }
        finally
        {
            if (owned)
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var response = await CallAsync(() => _client.GetObjectAsync(new GetObjectRequest { BucketName = _options.BucketName, Key = key }, cancellationToken)).ConfigureAwait(false);
        return new ResponseStream(response);
    }

    public async Task<Stream> OpenRangeAsync(string key, long offset, long length, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (offset < 0 || length < 0)
        {
            // A caller's bad range is a typed refusal, as in the embedded store, not an ArgumentException.
            throw new MailStoreException(MailStoreError.InvalidArgument, "A range needs a non-negative offset and length.");
        }

        if (length == 0)
        {
            // An empty range cannot be asked of S3 (RFC 9110 §14.1.1 has no empty byte range); a HEAD still says NotFound.
            await CallAsync(() => _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _options.BucketName, Key = key }, cancellationToken)).ConfigureAwait(false);
            return Stream.Null;
        }

        var request = new GetObjectRequest
        {
            BucketName = _options.BucketName,
            Key = key,
            ByteRange = new ByteRange(string.Create(CultureInfo.InvariantCulture, $"bytes={offset}-{offset + length - 1}")),
        };
        try
        {
            var response = await CallAsync(() => _client.GetObjectAsync(request, cancellationToken)).ConfigureAwait(false);
            return new ResponseStream(response);
        }
        catch (MailStoreException exception) when (exception.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.RequestedRangeNotSatisfiable })
        {
            // The range starts at or past the end: the object exists, and there are no bytes to read there.
            return Stream.Null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            await CallAsync(() => _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _options.BucketName, Key = key }, cancellationToken)).ConfigureAwait(false);
        }
        catch (MailStoreException exception) when (exception.Error == MailStoreError.NotFound)
        {
            // S3 answers 204 for a missing key; a stand-in may say 404. Either way there is nothing left to delete.
        }
    }

    private static async Task<Stream> SpoolAsync(Stream content, CancellationToken cancellationToken)
    {
        var memory = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (memory.Length + read > MemorySpoolLimit)
            {
                var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                memory.Position = 0;
                await memory.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                file.Position = 0;
                return file;
            }

            memory.Write(buffer, 0, read);
        }

        memory.Position = 0;
        return memory;
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            throw new MailStoreException(MailStoreError.NotFound, "The object was not found.", exception);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, "The range lies outside the object.", exception);
        }
        catch (Exception exception) when (exception is AmazonServiceException or AmazonClientException or HttpRequestException or IOException)
        {
            throw new MailStoreException(MailStoreError.Unavailable, "S3 failed: " + exception.Message, exception);
        }
    }

    /// <summary>The body of a GetObject response, disposing the response with it.</summary>
    private sealed class ResponseStream(GetObjectResponse response) : Stream
    {
        private readonly Stream _inner = response.ResponseStream;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => response.ContentLength;

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => _inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
