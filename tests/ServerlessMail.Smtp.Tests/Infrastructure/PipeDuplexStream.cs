using System.IO.Pipelines;

namespace ServerlessMail.Smtp.Tests;

/// <summary>One end of an in-memory connection: reads what the other end wrote, and the reverse. Closing sends EOF.</summary>
internal sealed class PipeDuplexStream(PipeReader reader, PipeWriter writer) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>A connected pair: (server end, client end).</summary>
    public static (PipeDuplexStream Server, PipeDuplexStream Client) CreatePair()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new PipeDuplexStream(toServer.Reader, toClient.Writer), new PipeDuplexStream(toClient.Reader, toServer.Writer));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var result = await reader.ReadAsync(cancellationToken);
        var take = (int)Math.Min(buffer.Length, result.Buffer.Length);
        var slice = result.Buffer.Slice(0, take);
        System.Buffers.BuffersExtensions.CopyTo(slice, buffer.Span);
        reader.AdvanceTo(slice.End);
        return take;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await writer.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            writer.Complete();
            reader.Complete();
        }

        base.Dispose(disposing);
    }
}
