namespace ServerlessMail.Imap;

/// <summary>
/// Makes every line end of a text stream CRLF, for BINARY's text sections: RFC 3516 §4.3 says a server MUST send them
/// with CRLF whatever it stores, and a base64 text part often decodes to bare LFs. A bare LF and a bare CR each become
/// CRLF, as Mime's composer treats them. A CR is written with its LF at once and an LF right after it is dropped, so
/// the only state across chunks is whether the last octet was a CR, and nothing is held back.
/// </summary>
internal sealed class CrlfNormalizer
{
    private bool _afterCr;

    /// <summary>The most octets <see cref="Normalize"/> writes for this much input: every octet a line end.</summary>
    public static int GetMaxOutputLength(int inputLength) => (int)Math.Min(Array.MaxLength, inputLength * 2L);

    public int Normalize(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var read = 0;
        var written = 0;
        if (_afterCr && !input.IsEmpty)
        {
            _afterCr = false;
            read = input[0] == (byte)'\n' ? 1 : 0;
        }

        while (read < input.Length)
        {
            var run = input[read..].IndexOfAny((byte)'\r', (byte)'\n');
            var text = run < 0 ? input.Length - read : run;
            input.Slice(read, text).CopyTo(output[written..]);
            written += text;
            read += text;
            if (run < 0)
            {
                break;
            }

            var end = input[read++];
            output[written++] = (byte)'\r';
            output[written++] = (byte)'\n';
            if (end == (byte)'\r')
            {
                if (read == input.Length)
                {
                    _afterCr = true;
                }
                else if (input[read] == (byte)'\n')
                {
                    read++;
                }
            }
        }

        return written;
    }
}
