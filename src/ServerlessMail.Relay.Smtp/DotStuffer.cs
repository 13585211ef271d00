namespace ServerlessMail.Relay.Smtp;

/// <summary>
/// Dot-stuffs DATA content chunk by chunk (RFC 5321 §4.5.2: a line starting with "." gets another "."), carrying the
/// start-of-line state across chunks, so a line split between two reads is still stuffed once.
/// </summary>
internal sealed class DotStuffer
{
    private bool _atLineStart = true;
    private byte _last;
    private byte _beforeLast;
    private long _written;

    /// <summary>True when the content so far is empty or ends in CRLF, so the end marker can follow directly.</summary>
    public bool EndsWithLineBreak => _written == 0 || (_beforeLast == (byte)'\r' && _last == (byte)'\n');

    public static int MaxOutput(int inputLength) => 2 * inputLength;

    public int Stuff(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var written = 0;
        while (!input.IsEmpty)
        {
            if (_atLineStart && input[0] == (byte)'.')
            {
                output[written++] = (byte)'.';
            }

            var lineFeed = input.IndexOf((byte)'\n');
            var length = lineFeed < 0 ? input.Length : lineFeed + 1;
            input[..length].CopyTo(output[written..]);
            written += length;
            _atLineStart = lineFeed >= 0;
            input = input[length..];
        }

        if (written > 0)
        {
            _beforeLast = written > 1 ? output[written - 2] : _last;
            _last = output[written - 1];
            _written += written;
        }

        return written;
    }
}
