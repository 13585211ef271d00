namespace ServerlessMail.Mime;

public sealed class MemoryMimeSource(ReadOnlyMemory<byte> data) : IMimeSource
{
    public ReadOnlyMemory<byte> Data { get; } = data;

    public long Length => Data.Length;

    public int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= Data.Length)
        {
            return 0;
        }

        var available = Data.Span[(int)offset..];
        var count = Math.Min(available.Length, destination.Length);
        available[..count].CopyTo(destination);
        return count;
    }
}
