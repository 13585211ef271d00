using System.Text;

namespace ServerlessMail.Mime;

/// <summary>Where an encoded-word goes, which decides the Q alphabet (RFC 2047 §5).</summary>
internal enum EncodedWordContext
{
    /// <summary>Unstructured text such as Subject (§5 rule 1).</summary>
    Text,

    /// <summary>A phrase (display name) or a quoted parameter value: the restricted alphabet of §5 rule 3.</summary>
    Phrase,
}

/// <summary>
/// RFC 2047 encoded-words in UTF-8. Text is cut into words of at most 75 characters (§2) at code point boundaries, so
/// no UTF-8 sequence is ever split across two words (§5). Each word is B or Q, whichever carries more of the text in
/// the room it has (the shorter when both carry the same). Decoders drop the whitespace between adjacent
/// encoded-words (§6.2), so the text comes back exactly, spaces included.
/// </summary>
internal static class EncodedWordEncoder
{
    internal const int MaxWordLength = 75;

    // "=?utf-8?X?" and "?=".
    private const int Overhead = 12;

    // Below this much room a word carries too little to be worth starting on the current line.
    private const int MinUsefulLength = Overhead + 16;

    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;

    /// <summary>
    /// Writes <paramref name="text"/> as encoded-words, the first after <paramref name="whitespace"/> (which must not
    /// be empty), filling the current line before folding.
    /// </summary>
    public static void Write(HeaderFolder folder, string whitespace, string text, EncodedWordContext context)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var position = 0;
        var separator = whitespace;
        while (position < bytes.Length)
        {
            var room = HeaderFolder.PreferredLineLength - folder.Column - HeaderFolder.Octets(separator);
            if (room < MinUsefulLength && folder.CanFold)
            {
                folder.Fold();
                room = HeaderFolder.PreferredLineLength - HeaderFolder.Octets(separator);
            }

            var budget = room < MinUsefulLength ? MaxWordLength : Math.Min(room, MaxWordLength);
            folder.Append(separator, NextWord(bytes, ref position, budget, context));
            separator = " ";
        }
    }

    /// <summary>
    /// Cuts <paramref name="text"/> into encoded-words: the first at most <paramref name="firstLength"/> characters
    /// long, the others at most 75.
    /// </summary>
    public static List<string> Split(string text, EncodedWordContext context, int firstLength)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var words = new List<string>();
        var position = 0;
        var budget = Math.Clamp(firstLength, MinUsefulLength, MaxWordLength);
        while (position < bytes.Length)
        {
            words.Add(NextWord(bytes, ref position, budget, context));
            budget = MaxWordLength;
        }

        return words;
    }

    private static string NextWord(byte[] bytes, ref int position, int budget, EncodedWordContext context)
    {
        var room = budget - Overhead;
        var qLength = 0;
        var qEnd = position;
        var bEnd = position;
        var end = position;
        var qFits = true;
        var bFits = true;
        while (end < bytes.Length && (qFits || bFits))
        {
            var next = end + Utf8SequenceLength(bytes[end]);
            next = Math.Min(next, bytes.Length);
            for (var i = end; i < next; i++)
            {
                qLength += QWidth(bytes[i], context);
            }

            end = next;
            if (qFits && qLength <= room)
            {
                qEnd = end;
            }
            else
            {
                qFits = false;
            }

            if (bFits && (end - position + 2) / 3 * 4 <= room)
            {
                bEnd = end;
            }
            else
            {
                bFits = false;
            }
        }

        var useQ = qEnd > bEnd || (qEnd == bEnd && QLength(bytes.AsSpan(position, qEnd - position), context) <= (qEnd - position + 2) / 3 * 4);
        var take = useQ ? qEnd : bEnd;
        if (take == position)
        {
            // Cannot happen with a budget of at least MinUsefulLength; guard against an endless loop all the same.
            take = Math.Min(position + Utf8SequenceLength(bytes[position]), bytes.Length);
        }

        var chunk = bytes.AsSpan(position, take - position);
        position = take;
        return useQ ? "=?utf-8?Q?" + EncodeQ(chunk, context) + "?=" : "=?utf-8?B?" + Convert.ToBase64String(chunk) + "?=";
    }

    // The length of the UTF-8 sequence a lead octet starts; stray continuation octets stand alone.
    internal static int Utf8SequenceLength(byte lead) => lead switch
    {
        < 0xC0 => 1,
        < 0xE0 => 2,
        < 0xF0 => 3,
        _ => 4,
    };

    private static int QLength(ReadOnlySpan<byte> chunk, EncodedWordContext context)
    {
        var length = 0;
        foreach (var b in chunk)
        {
            length += QWidth(b, context);
        }

        return length;
    }

    private static int QWidth(byte b, EncodedWordContext context) => b == (byte)' ' || IsQLiteral(b, context) ? 1 : 3;

    private static bool IsQLiteral(byte b, EncodedWordContext context) => context == EncodedWordContext.Phrase
        ? char.IsAsciiLetterOrDigit((char)b) || b is (byte)'!' or (byte)'*' or (byte)'+' or (byte)'-' or (byte)'/'
        : b is > 32 and < 127 and not ((byte)'=' or (byte)'?' or (byte)'_');

    private static string EncodeQ(ReadOnlySpan<byte> chunk, EncodedWordContext context)
    {
        var builder = new StringBuilder(chunk.Length * 3);
        foreach (var b in chunk)
        {
            if (b == (byte)' ')
            {
                // RFC 2047 §4.2 rule 2: "_" stands for a space, and is shorter than "=20".
                builder.Append('_');
            }
            else if (IsQLiteral(b, context))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('=').Append((char)Hex[b >> 4]).Append((char)Hex[b & 0xF]);
            }
        }

        return builder.ToString();
    }
}
