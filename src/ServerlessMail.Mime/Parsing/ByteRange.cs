namespace ServerlessMail.Mime;

/// <summary>A range of octets in the raw message: [Offset, Offset + Length).</summary>
public readonly record struct ByteRange(long Offset, long Length)
{
    public long End => Offset + Length;
}
