using System.Buffers;

namespace ServerlessMail.Mime;

/// <summary>Turns address tokens into strings: addr-spec pieces verbatim, display names and comments decoded.</summary>
internal static class AddressText
{
    // Above this the scratch buffer comes from the pool instead of the stack.
    private const int StackLimit = 256;

    /// <summary>The raw text of a piece that is kept as an <see cref="InvalidAddress"/>: unfolded, trimmed, never decoded.</summary>
    public static string Raw(ReadOnlySpan<byte> raw, ReadOnlySpan<AddressToken> tokens)
    {
        var span = raw[tokens[0].Start..tokens[^1].End];
        if (span.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            return Charsets.DecodeHeaderText(span);
        }

        byte[]? rented = null;
        var buffer = span.Length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(span.Length));
        var length = 0;
        foreach (var b in span)
        {
            if (b is not ((byte)'\r' or (byte)'\n'))
            {
                buffer[length++] = b;
            }
        }

        var text = Charsets.DecodeHeaderText(buffer[..length].Trim(" \t"u8));
        Return(rented);
        return text;
    }

    /// <summary>
    /// A local part or domain: atoms and dots as written, quoted strings unquoted (RFC 5322 §3.2.4 semantics), CFWS
    /// between the pieces dropped. Encoded-words are left as they are (RFC 2047 §5 never allows them here).
    /// </summary>
    public static string Join(ReadOnlySpan<byte> raw, ReadOnlySpan<AddressToken> tokens)
    {
        if (IsContiguousAtoms(tokens))
        {
            return tokens.IsEmpty ? string.Empty : Charsets.DecodeHeaderText(raw[tokens[0].Start..tokens[^1].End]);
        }

        var total = 0;
        foreach (var token in tokens)
        {
            total += token.Length;
        }

        byte[]? rented = null;
        var buffer = total <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(total));
        var length = 0;
        foreach (var token in tokens)
        {
            var bytes = raw[token.Start..token.End];
            switch (token.Kind)
            {
                case AddressTokenKind.QuotedString:
                    length += QuotedText.Unescape(bytes[1..^1], buffer[length..]);
                    break;
                case AddressTokenKind.DomainLiteral:
                    length += CopyWithoutWhitespace(bytes, buffer[length..]);
                    break;
                case AddressTokenKind.Comment:
                    break;
                default:
                    bytes.CopyTo(buffer[length..]);
                    length += bytes.Length;
                    break;
            }
        }

        var text = Charsets.DecodeHeaderText(buffer[..length]);
        Return(rented);
        return text;
    }

    /// <summary>A display name (RFC 5322 §3.2.5 phrase, RFC 2047 §5 (3)), comments left out; null when empty.</summary>
    public static string? Phrase(ReadOnlySpan<byte> raw, ReadOnlySpan<AddressToken> tokens)
    {
        var first = 0;
        var last = tokens.Length - 1;
        while (first <= last && tokens[first].Kind == AddressTokenKind.Comment)
        {
            first++;
        }

        while (last >= first && tokens[last].Kind == AddressTokenKind.Comment)
        {
            last--;
        }

        if (first > last)
        {
            return null;
        }

        tokens = tokens[first..(last + 1)];
        if (!ContainsComment(tokens))
        {
            return NullIfEmpty(EncodedWords.DecodePhrase(raw[tokens[0].Start..tokens[^1].End]));
        }

        // Rare: a comment inside the phrase. Rebuild the phrase without it, keeping a space where it was.
        var total = raw[tokens[0].Start..tokens[^1].End].Length;
        byte[]? rented = null;
        var buffer = total <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(total));
        var length = 0;
        var previousEnd = tokens[0].Start;
        foreach (var token in tokens)
        {
            if (token.Kind == AddressTokenKind.Comment)
            {
                continue;
            }

            if (token.Start != previousEnd && length > 0)
            {
                buffer[length++] = (byte)' ';
            }

            raw[token.Start..token.End].CopyTo(buffer[length..]);
            length += token.Length;
            previousEnd = token.End;
        }

        var text = EncodedWords.DecodePhrase(buffer[..length]);
        Return(rented);
        return NullIfEmpty(text);
    }

    /// <summary>
    /// The text of the comments, used as the display name when there is no phrase (<c>a@b (Alice)</c>), as most
    /// clients do. Encoded-words are decoded (RFC 2047 §5 (2)); several comments are joined by a space.
    /// </summary>
    public static string? Comments(ReadOnlySpan<byte> raw, ReadOnlySpan<AddressToken> tokens)
    {
        var longest = 0;
        foreach (var token in tokens)
        {
            if (token.Kind == AddressTokenKind.Comment)
            {
                longest = Math.Max(longest, token.Length);
            }
        }

        if (longest == 0)
        {
            return null;
        }

        byte[]? rented = null;
        var buffer = longest <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(longest));
        string? result = null;
        foreach (var token in tokens)
        {
            if (token.Kind != AddressTokenKind.Comment)
            {
                continue;
            }

            var length = QuotedText.Unescape(raw[(token.Start + 1)..(token.End - 1)], buffer);
            var text = EncodedWords.DecodeUnstructured(buffer[..length]).Trim();
            if (text.Length > 0)
            {
                result = result is null ? text : result + " " + text;
            }
        }

        Return(rented);
        return result;
    }

    public static bool ContainsComment(ReadOnlySpan<AddressToken> tokens)
    {
        foreach (var token in tokens)
        {
            if (token.Kind == AddressTokenKind.Comment)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the tokens are atoms and dots written back to back, so the raw slice is the value.</summary>
    private static bool IsContiguousAtoms(ReadOnlySpan<AddressToken> tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Kind is not (AddressTokenKind.Atom or AddressTokenKind.Dot) || (i > 0 && tokens[i].Start != tokens[i - 1].End))
            {
                return false;
            }
        }

        return true;
    }

    private static int CopyWithoutWhitespace(ReadOnlySpan<byte> content, Span<byte> destination)
    {
        var length = 0;
        foreach (var b in content)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                destination[length++] = b;
            }
        }

        return length;
    }

    private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
