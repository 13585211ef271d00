using System.Buffers;
using System.Buffers.Text;

namespace ServerlessMail.Mime;

/// <summary>One syntactically valid RFC 2047 encoded-word: <c>=?charset[*lang]?B|Q?text?=</c>.</summary>
internal readonly ref struct EncodedWord
{
    // RFC 2047 §2 caps a word at 75 characters; real mailers write longer ones, so only the charset is bounded.
    private const int MaxCharsetLength = 75;

    private EncodedWord(ReadOnlySpan<byte> charset, bool isBase64, ReadOnlySpan<byte> text, int length)
    {
        Charset = charset;
        IsBase64 = isBase64;
        Text = text;
        Length = length;
    }

    /// <summary>The charset label, with any RFC 2231 §5 <c>*language</c> suffix still attached.</summary>
    public ReadOnlySpan<byte> Charset { get; }

    public bool IsBase64 { get; }

    public ReadOnlySpan<byte> Text { get; }

    /// <summary>The number of octets the whole word spans, from <c>=?</c> through <c>?=</c>.</summary>
    public int Length { get; }

    /// <summary>
    /// Parses the word at the start of <paramref name="input"/> (which begins with <c>=?</c>). Whitespace inside the
    /// encoded text is tolerated (broken folders split words); a word with an unknown encoding letter, a stray
    /// <c>?</c>, no closing <c>?=</c> or B text that is not base64 is not a word and stays literal text.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> input, out EncodedWord word)
    {
        word = default;
        int charsetEnd = input[2..Math.Min(input.Length, 2 + MaxCharsetLength + 1)].IndexOf((byte)'?');
        if (charsetEnd <= 0)
        {
            return false;
        }

        ReadOnlySpan<byte> charset = input.Slice(2, charsetEnd);
        foreach (byte b in charset)
        {
            if (b is <= (byte)' ' or >= 0x7F or (byte)'=')
            {
                return false;
            }
        }

        int encoding = 2 + charsetEnd + 1;
        if (input.Length < encoding + 2 || input[encoding + 1] != (byte)'?')
        {
            return false;
        }

        bool isBase64;
        switch (input[encoding])
        {
            case (byte)'B' or (byte)'b':
                isBase64 = true;
                break;
            case (byte)'Q' or (byte)'q':
                isBase64 = false;
                break;
            default:
                return false;
        }

        int textStart = encoding + 2;
        int textLength = input[textStart..].IndexOf((byte)'?');
        int end = textStart + textLength;
        if (textLength < 0 || end + 1 >= input.Length || input[end + 1] != (byte)'=')
        {
            return false;
        }

        ReadOnlySpan<byte> text = input.Slice(textStart, textLength);
        if (isBase64 && !IsLenientBase64(text))
        {
            return false;
        }

        word = new EncodedWord(charset, isBase64, text, end + 2);
        return true;
    }

    /// <summary>Decodes the text into <paramref name="destination"/>, which must be at least <see cref="Text"/> long.</summary>
    public int DecodeTo(Span<byte> destination) => IsBase64 ? DecodeBase64(Text, destination) : DecodeQ(Text, destination);

    // RFC 2047 §4.2: "_" is SP, "=XX" is an octet in either hex case; anything else, bad escapes included, is literal.
    private static int DecodeQ(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        int written = 0;
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            if (b == (byte)'_')
            {
                b = (byte)' ';
            }
            else if (b == (byte)'=' && i + 2 < text.Length && TryHex(text[i + 1], text[i + 2], out byte octet))
            {
                b = octet;
                i += 2;
            }

            destination[written++] = b;
        }

        return written;
    }

    private static bool TryHex(byte high, byte low, out byte value)
    {
        int h = QuotedPrintableDecoder.HexValue(high);
        int l = QuotedPrintableDecoder.HexValue(low);
        value = (byte)((h << 4) | l);
        return (h | l) >= 0;
    }

    // Base64 text may lack padding and contain whitespace; it must not contain other octets or a lone final sextet.
    private static bool IsLenientBase64(ReadOnlySpan<byte> text)
    {
        // Nearly all of a word is alphabet: skip that part in one vectorised search and walk only the tail ("==").
        int plain = text.IndexOfAnyExcept(Base64Sextets.Alphabet);
        if (plain < 0)
        {
            return (text.Length & 3) != 1;
        }

        ReadOnlySpan<sbyte> map = Base64Sextets.Map;
        int count = plain & 3;
        foreach (byte b in text[plain..])
        {
            sbyte value = map[b];
            if (value >= 0)
            {
                count = (count + 1) & 3;
            }
            else if (value == Base64Sextets.Padding)
            {
                if (count == 1)
                {
                    return false;
                }

                count = 0;
            }
            else if (b is not ((byte)' ' or (byte)'\t'))
            {
                return false;
            }
        }

        return count != 1;
    }

    private static int DecodeBase64(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        if (Base64.DecodeFromUtf8(text, destination, out _, out int fast) == OperationStatus.Done)
        {
            return fast;
        }

        // Missing or misplaced padding: the slow path. Validity was checked by TryParse.
        ReadOnlySpan<sbyte> map = Base64Sextets.Map;
        int quantum = 0;
        int count = 0;
        int written = 0;
        foreach (byte b in text)
        {
            sbyte value = map[b];
            if (value >= 0)
            {
                quantum = (quantum << 6) | (byte)value;
                if (++count == 4)
                {
                    destination[written++] = (byte)(quantum >> 16);
                    destination[written++] = (byte)(quantum >> 8);
                    destination[written++] = (byte)quantum;
                    quantum = 0;
                    count = 0;
                }
            }
            else if (value == Base64Sextets.Padding)
            {
                written += Base64Sextets.WritePartial(quantum, count, destination[written..]);
                quantum = 0;
                count = 0;
            }
        }

        return written + Base64Sextets.WritePartial(quantum, count, destination[written..]);
    }
}
