using System.Buffers;
using System.Buffers.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// Streaming base64 decoder (RFC 2045 §6.8). Octets outside the alphabet (line breaks, whitespace, junk) are
/// skipped, as §6.8 asks. Padding ends a quantum early, and decoding then resumes with the next base64 character:
/// some mailers concatenate separately encoded pieces, and resuming recovers them all where stopping would lose the
/// rest of the body. But text that is not base64 after padding (a mailing list's footer appended to the part, say)
/// ends the body: it is a trailer, and decoding it would only add garbage. Missing padding is tolerated: a final 2 or
/// 3 sextets still yield their octets on <see cref="Flush"/>; a lone final sextet cannot form an octet and is dropped.
/// </summary>
public sealed class Base64Decoder : IMimeDecoder
{
    // Below this many remaining input octets the vectorised decoder is not worth calling.
    private const int FastPathMinimum = 16;

    // Octets gathered per call of the vectorised decoder; a multiple of 4.
    private const int BlockSize = 4096;

    private int _quantum;
    private int _count;

    // Padding was seen and only white space or more padding has followed since.
    private bool _padded;

    // A trailer followed padding: everything else is ignored until Reset.
    private bool _finished;

    public int GetMaxDecodedLength(int inputLength) => (int)Math.Min(int.MaxValue, ((long)inputLength + 3) * 3 / 4);

    public int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (_finished)
        {
            return 0;
        }

        int read = 0;
        int written = 0;
        while (read < input.Length)
        {
            if (_count == 0)
            {
                read = DecodeRuns(input, read, output, ref written);
                if (read == input.Length)
                {
                    break;
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
        _padded = false;
        _finished = false;
    }

    // Clean runs (typically 76-character lines) are gathered without their line breaks into a block and decoded by the
    // vectorised decoder a block at a time; calling it per line costs more than the decoding. It is only given alphabet
    // octets, because its own whitespace skipping can report a partial quantum as consumed. Padding or junk ends the
    // gathering and is left to the scalar loop, together with the sextets of a last partial quantum.
    private int DecodeRuns(ReadOnlySpan<byte> input, int read, Span<byte> output, ref int written)
    {
        if (input.Length - read < FastPathMinimum)
        {
            return read;
        }

        byte[] block = ArrayPool<byte>.Shared.Rent(BlockSize);
        int filled = 0;
        while (read < input.Length)
        {
            int run = input[read..].IndexOfAnyExcept(Base64Sextets.Alphabet);
            int available = run < 0 ? input.Length - read : run;
            while (available > 0)
            {
                int take = Math.Min(available, BlockSize - filled);
                input.Slice(read, take).CopyTo(block.AsSpan(filled));
                filled += take;
                read += take;
                available -= take;
                if (filled == BlockSize)
                {
                    Base64.DecodeFromUtf8(block, output[written..], out _, out int produced, isFinalBlock: false);
                    written += produced;
                    filled = 0;
                }
            }

            while (read < input.Length && input[read] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t')
            {
                read++;
            }

            if (read < input.Length && run >= 0 && Base64Sextets.Map[input[read]] < 0)
            {
                break;
            }
        }

        if (filled > 0)
        {
            _padded = false;
        }

        int whole = filled & ~3;
        Base64.DecodeFromUtf8(block.AsSpan(0, whole), output[written..], out _, out int last, isFinalBlock: false);
        written += last;
        foreach (byte b in block.AsSpan(whole, filled - whole))
        {
            _quantum = (_quantum << 6) | (byte)Base64Sextets.Map[b];
            _count++;
        }

        ArrayPool<byte>.Shared.Return(block);
        return read;
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
                _padded = false;

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
                _padded = true;
            }
            else if (_padded && input[read] is not ((byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t'))
            {
                _finished = true;
                return input.Length;
            }
        }

        return read;
    }
}
