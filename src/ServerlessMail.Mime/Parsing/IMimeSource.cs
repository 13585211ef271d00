namespace ServerlessMail.Mime;

/// <summary>
/// Random access to the raw octets of a parsed message. The parse result holds offsets only; content is read
/// through a source on demand, so a stored message can be decoded from a blob store with ranged reads.
/// </summary>
public interface IMimeSource
{
    long Length { get; }

    /// <summary>Reads up to <paramref name="destination"/>.Length octets at <paramref name="offset"/>; returns the count read (0 at the end).</summary>
    int Read(long offset, Span<byte> destination);
}
