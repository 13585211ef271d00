namespace ServerlessMail.Mime;

/// <summary>
/// A streaming Content-Transfer-Encoding decoder. Input may be split anywhere, even inside an escape or a base64
/// quantum; the decoder carries the state. Decoders never throw on malformed input: they decode what they can.
/// </summary>
public interface IMimeDecoder
{
    /// <summary>The most octets <see cref="Decode"/> can write for an input of this length, pending state included.</summary>
    int GetMaxDecodedLength(int inputLength);

    /// <summary>Decodes a chunk and returns the number of octets written. <paramref name="output"/> must be at least <see cref="GetMaxDecodedLength"/>(<paramref name="input"/>.Length) long.</summary>
    int Decode(ReadOnlySpan<byte> input, Span<byte> output);

    /// <summary>Writes whatever is pending at the end of input (at most <see cref="GetMaxDecodedLength"/>(0) octets) and resets the decoder for reuse.</summary>
    int Flush(Span<byte> output);

    /// <summary>Discards any pending state.</summary>
    void Reset();
}
