using System.Buffers.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// Streaming base64 decoder (RFC 2045 §6.8). Octets outside the alphabet (line breaks, whitespace, junk) are
/// skipped, as §6.8 asks. Padding ends a quantum early, and decoding then resumes with the next base64 character:
/// some mailers concatenate separately encoded pieces, and resuming recovers them all where stopping would lose the
/// rest of the body. Missing padding is tolerated: a final 2 or 3 sextets still yield their octets on
/// <see cref="Flush"/>; a lone final sextet cannot form an octet and is dropped.
/// </summary>
public sealed class Base64Decoder : IMimeDecoder
{
    // Below this many remaining input octets the vectorised decoder is not worth calling.
    private const int FastPathMinimum = 16;

    private int _quantum;
    private int _count;

    public int GetMaxDecodedLength(int inputLength) => (int)Math.Min(int.MaxValue, ((long)inputLength + 3) * 3 / 4);

    public int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int read = 0;
        int written = 0;
        while (read < input.Length)
        {
            if (_count == 0)
            {
                // Whole quanta of a clean run (typically a 76-character line) go through the vectorised decoder. It is
                // given only alphabet octets: its own whitespace skipping can report partial quanta as consumed.
                int run = input[read..].IndexOfAnyExcept(Base64Sextets.Alphabet);
                int usable = (run < 0 ? input.Length - read : run) & ~3;
                if (usable >= FastPathMinimum)
                {
                    Base64.DecodeFromUtf8(input.Slice(read, usable), output[written..], out int consumed, out int produced, isFinalBlock: false);
                    read += consumed;
                    written += produced;
                    if (read == input.Length)
                    {
                        break;
                    }
                }
            }

            read = DecodeScalar(input, read, output, ref written);
        }

        return written;
    }

    public int Flush(Span<byte> output)
    {
        int written = Base64Sextets.WritePartial(_quantum, _count, output);
        Reset();
        return written;
    }

    public void Reset()
    {
        _quantum = 0;
        _count = 0;
    }

    // Decodes octet by octet until a new run of base64 starts on a quantum boundary.
    private int DecodeScalar(ReadOnlySpan<byte> input, int read, Span<byte> output, ref int written)
    {
        ReadOnlySpan<sbyte> map = Base64Sextets.Map;
        int start = read;
        for (; read < input.Length; read++)
        {
            sbyte value = map[input[read]];
            if (value >= 0)
            {
                // A new run after a line break, junk or padding: the fast path may take it.
                if (_count == 0 && read > start && map[input[read - 1]] < 0 && input.Length - read >= FastPathMinimum)
                {
                    return read;
                }

                _quantum = (_quantum << 6) | (byte)value;
                if (++_count == 4)
                {
                    output[written++] = (byte)(_quantum >> 16);
                    output[written++] = (byte)(_quantum >> 8);
                    output[written++] = (byte)_quantum;
                    _quantum = 0;
                    _count = 0;
                }
            }
            else if (value == Base64Sextets.Padding)
            {
                written += Base64Sextets.WritePartial(_quantum, _count, output[written..]);
                _quantum = 0;
                _count = 0;
            }
        }

        return read;
    }
}
