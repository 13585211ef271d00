using System.Buffers;

namespace ServerlessMail.Mime;

/// <summary>
/// Decoding of header text that may hold RFC 2047 encoded-words (with RFC 2231 §5 language tags). Lenient in the ways
/// real clients are: words glued to text or to each other, multibyte characters split across words, unknown
/// charsets, and words inside quoted strings are all decoded; anything malformed stays as literal text. Never throws.
/// </summary>
public static class EncodedWords
{
    private const int StackChars = 512;
    private const int StackOctets = 256;

    // A phrase without these is plain text once trimmed (double spaces are checked separately).
    private static readonly SearchValues<byte> PhraseSpecials = SearchValues.Create("\"\\\r\n\t"u8);

    /// <summary>
    /// Decodes an unstructured field value (Subject, Comments, X-*) given as its raw, possibly folded octets:
    /// unfolds it, trims it and decodes every encoded-word. Whitespace between two encoded-words is dropped
    /// (RFC 2047 §6.2); all other whitespace is kept as it is.
    /// </summary>
    public static string DecodeUnstructured(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf("=?"u8) < 0)
        {
            return HeaderText.UnfoldAndDecode(raw);
        }

        return Decode(raw, phrase: false);
    }

    /// <summary>
    /// Decodes a phrase such as a display name, given as raw octets (atoms, quoted-strings, encoded-words; no
    /// comments): quoted-strings are unquoted and unescaped, encoded-words are decoded everywhere, inside
    /// quoted-strings too (RFC 2047 §5 forbids it, but mailers do it constantly), whitespace between adjacent
    /// encoded-words is dropped, whitespace runs outside quoted-strings become one space, and the result is trimmed.
    /// Whitespace inside a quoted-string is kept as written.
    /// </summary>
    public static string DecodePhrase(ReadOnlySpan<byte> raw)
    {
        raw = HeaderText.TrimWhitespace(raw);
        int special = raw.IndexOfAny(PhraseSpecials);
        if (special < 0 && raw.IndexOf("=?"u8) < 0 && raw.IndexOf("  "u8) < 0)
        {
            return Charsets.DecodeHeaderText(raw);
        }

        // The other common display name: one quoted-string with nothing to unescape, unfold or decode. Its content
        // is the text as written, trimmed; SP and HTAB are ASCII in every charset used here, so trimming the octets
        // is trimming the text, and the quotes do not change which charset the content decodes as.
        if (special == 0 && raw[0] == (byte)'"' && raw.Length >= 2 && raw[^1] == (byte)'"')
        {
            ReadOnlySpan<byte> content = raw[1..^1];
            if (content.IndexOfAny(PhraseSpecials) < 0 && content.IndexOf("=?"u8) < 0)
            {
                return Charsets.DecodeHeaderText(content.Trim(" \t"u8));
            }
        }

        return Decode(raw, phrase: true);
    }

    private static string Decode(ReadOnlySpan<byte> raw, bool phrase)
    {
        raw = HeaderText.TrimWhitespace(raw);
        byte[]? rented = null;
        scoped ReadOnlySpan<byte> text = raw;
        if (HeaderText.ContainsLineBreak(raw))
        {
            // Stack scratch is zeroed on entry, so it is sized to the value rather than to the limit.
            Span<byte> scratch = raw.Length <= HeaderText.StackScratchSize
                ? stackalloc byte[raw.Length]
                : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
            text = HeaderText.TrimWhitespace(scratch[..HeaderText.Unfold(raw, scratch)]);
        }

        try
        {
            // A whole value that is one encoded-word (a typical Subject or display name) needs none of the writer's
            // bookkeeping. In a phrase a '"' would split the word first, so such a value takes the general path.
            if (text.StartsWith("=?"u8) && EncodedWord.TryParse(text, out EncodedWord word) && word.Length == text.Length
                && !(phrase && text.Contains((byte)'"')))
            {
                return DecodeSingleWord(word, trim: phrase);
            }

            return DecodeText(text, phrase);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static string DecodeText(scoped ReadOnlySpan<byte> text, bool phrase)
    {
        // Decoded text never has more characters than the octets it came from (plus the one a UTF-8 decoder's
        // worst case asks room for), and decoded words never more octets than their text; sizing the stack
        // buffers to that keeps the zeroing small. Exotic charsets that need more simply move to the pool.
        int charCapacity = Math.Min(text.Length + 1, StackChars);
        int octetCapacity = Math.Min(text.Length, StackOctets);
        var writer = new HeaderTextWriter(stackalloc char[charCapacity], stackalloc byte[octetCapacity], text);
        try
        {
            if (phrase)
            {
                DecodePhraseTokens(text, ref writer);
            }
            else
            {
                DecodeRun(text, ref writer, collapse: false);
            }

            return writer.ToString(trim: phrase);
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>What <see cref="HeaderTextWriter"/> makes of a lone word: its octets decoded in its charset.</summary>
    private static string DecodeSingleWord(scoped EncodedWord word, bool trim)
    {
        byte[]? rented = null;
        Span<byte> buffer = word.Text.Length <= StackOctets
            ? stackalloc byte[word.Text.Length]
            : (rented = ArrayPool<byte>.Shared.Rent(word.Text.Length));
        try
        {
            ReadOnlySpan<byte> octets = buffer[..word.DecodeTo(buffer)];
            string text = Charsets.Decode(octets, Charsets.Resolve(word.Charset));
            if (!trim)
            {
                return text;
            }

            ReadOnlySpan<char> trimmed = text.AsSpan().Trim(" \t");
            return trimmed.Length == text.Length ? text : new string(trimmed);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void DecodePhraseTokens(scoped ReadOnlySpan<byte> text, ref HeaderTextWriter writer)
    {
        while (!text.IsEmpty)
        {
            int quote = text.IndexOf((byte)'"');
            if (quote < 0)
            {
                DecodeRun(text, ref writer, collapse: true);
                return;
            }

            DecodeRun(text[..quote], ref writer, collapse: true);
            text = text[(quote + 1)..];

            // RFC 5322 §3.2.4: a quoted-string ends at the first unescaped DQUOTE; an unterminated one runs to the end.
            int end = 0;
            bool escaped = false;
            while (end < text.Length && text[end] != (byte)'"')
            {
                escaped |= text[end] == (byte)'\\';
                end += text[end] == (byte)'\\' ? 2 : 1;
            }

            end = Math.Min(end, text.Length);
            ReadOnlySpan<byte> content = text[..end];
            if (escaped)
            {
                DecodeQuotedContent(content, ref writer);
            }
            else
            {
                DecodeRun(content, ref writer, collapse: false);
            }

            text = text[Math.Min(end + 1, text.Length)..];
        }
    }

    private static void DecodeQuotedContent(scoped ReadOnlySpan<byte> content, ref HeaderTextWriter writer)
    {
        var unescaped = new ValueBuffer<byte>(stackalloc byte[Math.Min(content.Length, StackOctets)]);
        try
        {
            Span<byte> destination = unescaped.GetSpan(content.Length);
            int written = 0;
            for (int i = 0; i < content.Length; i++)
            {
                // RFC 5322 §3.2.1 quoted-pair: the backslash goes, the octet after it stays.
                if (content[i] == (byte)'\\' && ++i == content.Length)
                {
                    break;
                }

                destination[written++] = content[i];
            }

            unescaped.Advance(written);
            DecodeRun(unescaped.Written, ref writer, collapse: false);
        }
        finally
        {
            unescaped.Dispose();
        }
    }

    /// <summary>Decodes text in which encoded-words may appear anywhere, even glued to other text.</summary>
    private static void DecodeRun(scoped ReadOnlySpan<byte> text, ref HeaderTextWriter writer, bool collapse)
    {
        int literalStart = 0;
        int search = 0;
        while (true)
        {
            int found = text[search..].IndexOf("=?"u8);
            if (found < 0)
            {
                break;
            }

            int start = search + found;
            if (!EncodedWord.TryParse(text[start..], out EncodedWord word))
            {
                search = start + 2;
                continue;
            }

            // RFC 2047 §6.2: linear whitespace between two encoded-words is dropped; any other text is kept.
            ReadOnlySpan<byte> between = text[literalStart..start];
            if (!writer.LastWasWord || between.IndexOfAnyExcept((byte)' ', (byte)'\t') >= 0)
            {
                AppendLiteral(between, ref writer, collapse);
            }

            writer.AppendWord(word);
            literalStart = search = start + word.Length;
        }

        AppendLiteral(text[literalStart..], ref writer, collapse);
    }

    private static void AppendLiteral(scoped ReadOnlySpan<byte> text, ref HeaderTextWriter writer, bool collapse)
    {
        if (collapse)
        {
            writer.AppendCollapsed(text);
        }
        else
        {
            writer.AppendLiteral(text);
        }
    }
}
