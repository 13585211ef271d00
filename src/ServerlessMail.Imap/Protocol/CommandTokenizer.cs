using System.Buffers;
using System.Text;

namespace ServerlessMail.Imap.Protocol;

/// <summary>A tokenized command: the tag, the upper-cased name (<c>UID FETCH</c> for the UID forms) and its arguments.</summary>
internal sealed record ImapCommand(string Tag, string Name, IReadOnlyList<ImapToken> Arguments);

/// <summary>
/// Splits a framed command (see <see cref="CommandFraming"/>) into tokens (RFC 3501 §9): atoms, quoted strings,
/// literals, literal8s (RFC 3516) and parentheses. Synchronous; nesting and the number of tokens are bounded.
/// </summary>
internal static class CommandTokenizer
{
    // Literals larger than this stay bytes only (APPEND's message); smaller ones are also decoded as text.
    private const int MaxDecodedLiteral = 64 * 1024;

    public static string? TryTokenize(ReadOnlySequence<byte> command, int maxNesting, int maxTokens, out ImapCommand? result)
    {
        result = null;
        var reader = new SequenceReader<byte>(command);
        var tokens = new List<ImapToken>();
        var depth = 0;
        while (!reader.End)
        {
            if (!reader.TryPeek(out var next))
            {
                break;
            }

            if (next == (byte)'\r')
            {
                reader.Advance(2);
                if (!reader.End)
                {
                    return "Unexpected line end";
                }

                break;
            }

            if (tokens.Count > 0)
            {
                if (next != (byte)' ' && tokens[^1].Kind != TokenKind.Open && next != (byte)')')
                {
                    return "Expected a space between arguments";
                }

                if (next == (byte)' ')
                {
                    reader.Advance(1);
                    if (!reader.TryPeek(out next) || next is (byte)' ' or (byte)'\r')
                    {
                        return "Unexpected space";
                    }
                }
            }

            if (tokens.Count >= maxTokens)
            {
                return "Too many arguments";
            }

            switch (next)
            {
                case (byte)'(':
                    reader.Advance(1);
                    if (++depth > maxNesting)
                    {
                        return "Too deeply nested";
                    }

                    tokens.Add(new ImapToken(TokenKind.Open, "(", default));
                    break;
                case (byte)')':
                    reader.Advance(1);
                    if (--depth < 0)
                    {
                        return "Unbalanced parentheses";
                    }

                    tokens.Add(new ImapToken(TokenKind.Close, ")", default));
                    break;
                case (byte)'"':
                    if (ReadQuoted(ref reader) is not { } quoted)
                    {
                        return "Bad quoted string";
                    }

                    tokens.Add(new ImapToken(TokenKind.Quoted, quoted, default));
                    break;
                case (byte)'{':
                    if (!ReadLiteral(ref reader, out var literal))
                    {
                        return "Bad literal";
                    }

                    var text = literal.Length <= MaxDecodedLiteral ? Encoding.UTF8.GetString(literal) : string.Empty;
                    tokens.Add(new ImapToken(TokenKind.Literal, text, literal));
                    break;
                case (byte)'~' when reader.TryPeek(1, out var brace) && brace == (byte)'{':
                    // RFC 3516 §4.4 literal8: framed like a literal (same caps); its octets may be anything, so they
                    // are kept as bytes only, never decoded as text.
                    reader.Advance(1);
                    if (!ReadLiteral(ref reader, out var literal8))
                    {
                        return "Bad literal";
                    }

                    tokens.Add(new ImapToken(TokenKind.Literal8, string.Empty, literal8));
                    break;
                default:
                    if (ReadAtom(ref reader) is not { } atom)
                    {
                        return "Bad atom";
                    }

                    tokens.Add(new ImapToken(TokenKind.Atom, atom, default));
                    break;
            }
        }

        if (depth != 0)
        {
            return "Unbalanced parentheses";
        }

        if (tokens.Count < 2 || tokens[0].Kind != TokenKind.Atom || tokens[1].Kind != TokenKind.Atom || !IsTag(tokens[0].Text))
        {
            return "Expected a tag and a command";
        }

        var name = tokens[1].Text.ToUpperInvariant();
        var skip = 2;
        if (name == "UID" && tokens.Count > 2 && tokens[2].Kind == TokenKind.Atom)
        {
            name = "UID " + tokens[2].Text.ToUpperInvariant();
            skip = 3;
        }

        result = new ImapCommand(tokens[0].Text, name, tokens.GetRange(skip, tokens.Count - skip));
        return null;
    }

    /// <summary>The tag at the start of a command line, for answering one that could not be tokenized; "*" when there is none.</summary>
    public static string TagOf(ReadOnlySequence<byte> command)
    {
        var reader = new SequenceReader<byte>(command);
        var tag = reader.TryReadTo(out ReadOnlySequence<byte> first, (byte)' ') && first.Length is > 0 and <= 64 ? Encoding.ASCII.GetString(first) : "*";
        return IsTag(tag) ? tag : "*";
    }

    private static bool IsTag(string tag) => tag.Length > 0 && tag.All(c => c is > ' ' and < (char)0x7F and not ('(' or ')' or '{' or '%' or '*' or '"' or '\\' or '+'));

    private static string? ReadQuoted(ref SequenceReader<byte> reader)
    {
        reader.Advance(1);
        var bytes = new ArrayBufferWriter<byte>();
        while (reader.TryRead(out var b))
        {
            switch (b)
            {
                case (byte)'"':
                    return Encoding.UTF8.GetString(bytes.WrittenSpan);
                case (byte)'\\':
                    if (!reader.TryRead(out var escaped) || escaped is not ((byte)'"' or (byte)'\\'))
                    {
                        return null;
                    }

                    bytes.Write([escaped]);
                    break;
                case (byte)'\r' or (byte)'\n' or 0:
                    return null;
                default:
                    bytes.Write([b]);
                    break;
            }
        }

        return null;
    }

    private static bool ReadLiteral(ref SequenceReader<byte> reader, out ReadOnlySequence<byte> literal)
    {
        literal = default;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> marker, (byte)'\n'))
        {
            return false;
        }

        // The framer has checked the marker ends the line: "{n}\r" or "{n+}\r".
        if (marker.Length < 4)
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(marker.Slice(1, marker.Length - 3));
        if (!long.TryParse(text.TrimEnd('+'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) || reader.Remaining < size)
        {
            return false;
        }

        literal = reader.UnreadSequence.Slice(0, size);
        reader.Advance(size);
        return true;
    }

    private static string? ReadAtom(ref SequenceReader<byte> reader)
    {
        var builder = new StringBuilder();
        var brackets = 0;
        while (reader.TryPeek(out var b))
        {
            if (brackets == 0 && (b is (byte)' ' or (byte)'(' or (byte)')' or (byte)'\r' or (byte)'"' or (byte)'{'))
            {
                break;
            }

            if (b is (byte)'\r' or (byte)'\n' or 0 || b >= 0x80)
            {
                return null;
            }

            if (b == (byte)'[')
            {
                brackets++;
            }
            else if (b == (byte)']' && --brackets < 0)
            {
                return null;
            }

            builder.Append((char)b);
            reader.Advance(1);
        }

        return builder.Length == 0 || brackets != 0 ? null : builder.ToString();
    }
}
