using System.Buffers.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// A streaming base64 encoder for MIME bodies: 76-character lines ending in CRLF (RFC 2045 §6.8). Input may arrive in
/// chunks of any size; up to two octets are carried between calls so that lines stay full and padding appears only at
/// the very end.
/// </summary>
internal sealed class Base64Encoder
{
    internal const int LineLength = 76;

    private readonly byte[] _pending = new byte[3];
    private int _pendingCount;
    private int _column;

    /// <summary>The most output one <see cref="Encode"/> call can produce for this much input, whatever the state.</summary>
    public static int GetMaxEncodedLength(int inputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        var groups = (inputLength + 2) / 3 + 1;
        var chars = groups * 4;
        return chars + (chars / LineLength + 1) * 2;
    }

    /// <summary>The complete encoding of <paramref name="data"/>, ending in CRLF unless it is empty.</summary>
    public static byte[] EncodeAll(ReadOnlySpan<byte> data)
    {
        var encoder = new Base64Encoder();
        var output = new byte[GetMaxEncodedLength(data.Length) + 6];
        var written = encoder.Encode(data, output);
        written += encoder.Flush(output.AsSpan(written));
        return output.AsSpan(0, written).ToArray();
    }

    /// <summary>
    /// Encodes <paramref name="input"/> into <paramref name="output"/>, which must hold
    /// <see cref="GetMaxEncodedLength"/> octets. Returns the number written.
    /// </summary>
    public int Encode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var written = 0;
        if (_pendingCount > 0)
        {
            var take = Math.Min(3 - _pendingCount, input.Length);
            input[..take].CopyTo(_pending.AsSpan(_pendingCount));
            _pendingCount += take;
            input = input[take..];
            if (_pendingCount < 3)
            {
                return 0;
            }

            written += EncodeWhole(_pending, output);
            _pendingCount = 0;
        }

        var whole = input.Length - input.Length % 3;
        written += EncodeWhole(input[..whole], output[written..]);
        input[whole..].CopyTo(_pending);
        _pendingCount = input.Length - whole;
        return written;
    }

    /// <summary>Writes the padded final group and the CRLF that ends the last line. Needs at most 6 octets.</summary>
    public int Flush(Span<byte> output)
    {
        var written = 0;
        if (_pendingCount > 0)
        {
            Base64.EncodeToUtf8(_pending.AsSpan(0, _pendingCount), output, out _, out written);
            _column += written;
            _pendingCount = 0;
        }

        if (_column > 0)
        {
            output[written++] = (byte)'\r';
            output[written++] = (byte)'\n';
            _column = 0;
        }

        return written;
    }

    // Encodes a multiple of three octets, breaking lines as the column reaches 76.
    private int EncodeWhole(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var written = 0;
        while (!input.IsEmpty)
        {
            var room = (LineLength - _column) / 4 * 3;
            var take = Math.Min(room, input.Length);
            Base64.EncodeToUtf8(input[..take], output[written..], out _, out var chars);
            written += chars;
            _column += chars;
            input = input[take..];
            if (_column == LineLength)
            {
                output[written++] = (byte)'\r';
                output[written++] = (byte)'\n';
                _column = 0;
            }
        }

        return written;
    }
}
