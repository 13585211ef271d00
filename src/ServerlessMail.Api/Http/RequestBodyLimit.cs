namespace ServerlessMail.Api.Http;

/// <summary>
/// Bounds every request body at <see cref="ApiOptions.MaxRequestBytes"/>: a declared Content-Length over it is
/// refused before reading, and a chunked body is counted as it streams (Kestrel's own limit does the same, but the
/// in-memory test server and Lambda Web Adapter do not enforce one).
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next, ApiOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > options.MaxRequestBytes)
        {
            throw ApiProblem.TooLarge($"The body is larger than {options.MaxRequestBytes} octets.");
        }

        context.Request.Body = new BoundedReadStream(context.Request.Body, options.MaxRequestBytes);
        return next(context);
    }
}

/// <summary>A read-only stream that fails with 413 once more than its limit has been read.</summary>
internal sealed class BoundedReadStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw ApiProblem.TooLarge($"The body is larger than {limit} octets.") : read;
    }
}
