using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Rendering;

/// <summary>
/// Reads an address field into RFC 3501 §7.4.2 address structures. It works on raw octets and keeps the text as
/// written (encoded-words are the client's to decode; RFC 3501 §7.4.2 passes header text through), unlike
/// <see cref="AddressParser"/>, which decodes display names for people. The shape follows RFC 5322 §3.4 leniently,
/// as Dovecot does: a group is "phrase: list;", an unterminated group closes at the end, a piece without '@' gets
/// the host <see cref="MissingDomain"/> so it can never be read as a group marker.
/// </summary>
internal static class EnvelopeAddressParser
{
    public const string MissingDomain = "MISSING_DOMAIN";
    public const string MissingMailbox = "MISSING_MAILBOX";

    public static List<EnvelopeAddress> Parse(ReadOnlySpan<byte> raw)
    {
        var tokens = EnvelopeTokenizer.Tokenize(raw);
        var result = new List<EnvelopeAddress>();
        var scratch = new byte[raw.Length];
        var pieceStart = 0;
        var inGroup = false;
        var inAngle = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != EnvelopeTokenKind.Special)
            {
                continue;
            }

            var special = raw[token.Start];
            if (inAngle)
            {
                // Inside <...> a ',' or ':' belongs to an obsolete route (RFC 5322 §4.4 obs-route).
                inAngle = special != (byte)'>';
                continue;
            }

            switch (special)
            {
                case (byte)'<':
                    inAngle = true;
                    break;
                case (byte)',':
                    AddPiece(raw, tokens, pieceStart, i, scratch, result);
                    pieceStart = i + 1;
                    break;
                case (byte)':' when !inGroup && IsPhrase(tokens, pieceStart, i):
                    result.Add(EnvelopeAddress.GroupStart(Phrase(raw, tokens, pieceStart, i, scratch) ?? string.Empty));
                    inGroup = true;
                    pieceStart = i + 1;
                    break;
                case (byte)';':
                    AddPiece(raw, tokens, pieceStart, i, scratch, result);
                    pieceStart = i + 1;
                    if (inGroup)
                    {
                        result.Add(EnvelopeAddress.GroupEnd);
                        inGroup = false;
                    }

                    break;
            }
        }

        AddPiece(raw, tokens, pieceStart, tokens.Count, scratch, result);
        if (inGroup)
        {
            result.Add(EnvelopeAddress.GroupEnd);
        }

        return result;
    }

    private static void AddPiece(ReadOnlySpan<byte> raw, List<EnvelopeToken> tokens, int start, int end, byte[] scratch, List<EnvelopeAddress> result)
    {
        var open = -1;
        var close = end;
        var hasContent = false;
        for (var i = start; i < end; i++)
        {
            hasContent |= tokens[i].Kind != EnvelopeTokenKind.Comment;
            if (open < 0 && EnvelopeTokenizer.IsSpecial(tokens[i], raw, (byte)'<'))
            {
                open = i;
            }
            else if (open >= 0 && EnvelopeTokenizer.IsSpecial(tokens[i], raw, (byte)'>'))
            {
                close = i;
                break;
            }
        }

        if (!hasContent)
        {
            return;
        }

        if (open < 0)
        {
            // A bare addr-spec: the comment, if any, names it ("a@b (Alice)"), as clients display it.
            var (mailbox, host) = AddrSpec(raw, tokens, start, end, scratch);
            result.Add(new EnvelopeAddress(LastComment(raw, tokens, start, end, scratch), null, mailbox, host));
            return;
        }

        var name = Phrase(raw, tokens, start, open, scratch);
        var specStart = open + 1;
        string? route = null;
        if (specStart < close && EnvelopeTokenizer.IsSpecial(tokens[specStart], raw, (byte)'@'))
        {
            for (var i = specStart; i < close; i++)
            {
                if (EnvelopeTokenizer.IsSpecial(tokens[i], raw, (byte)':'))
                {
                    route = Join(raw, tokens, specStart, i, scratch, spaced: false);
                    specStart = i + 1;
                    break;
                }
            }
        }

        var (localPart, domain) = AddrSpec(raw, tokens, specStart, close, scratch);
        result.Add(new EnvelopeAddress(name, route, localPart, domain));
    }

    private static (string Mailbox, string Host) AddrSpec(ReadOnlySpan<byte> raw, List<EnvelopeToken> tokens, int start, int end, byte[] scratch)
    {
        var at = -1;
        for (var i = end - 1; i >= start; i--)
        {
            if (EnvelopeTokenizer.IsSpecial(tokens[i], raw, (byte)'@'))
            {
                at = i;
                break;
            }
        }

        var mailbox = Join(raw, tokens, start, at < 0 ? end : at, scratch, spaced: false);
        var host = at < 0 ? null : Join(raw, tokens, at + 1, end, scratch, spaced: false);
        return (mailbox ?? MissingMailbox, host ?? MissingDomain);
    }

    private static bool IsPhrase(List<EnvelopeToken> tokens, int start, int end)
    {
        var words = 0;
        for (var i = start; i < end; i++)
        {
            switch (tokens[i].Kind)
            {
                case EnvelopeTokenKind.Word or EnvelopeTokenKind.Quoted:
                    words++;
                    break;
                case EnvelopeTokenKind.Comment:
                    break;
                default:
                    return false;
            }
        }

        return words > 0;
    }

    private static string? Phrase(ReadOnlySpan<byte> raw, List<EnvelopeToken> tokens, int start, int end, byte[] scratch) =>
        Join(raw, tokens, start, end, scratch, spaced: true);

    /// <summary>
    /// The tokens' text, comments left out and quoted-strings unquoted (RFC 5322 §3.2.4). A phrase keeps one space
    /// where the field had white space between tokens; an addr-spec piece drops the white space around its dots
    /// (RFC 5322 §4.4 obs-local-part) but keeps one between words, so "Saved by Blink" never reads "SavedbyBlink".
    /// </summary>
    private static string? Join(ReadOnlySpan<byte> raw, List<EnvelopeToken> tokens, int start, int end, byte[] scratch, bool spaced)
    {
        var length = 0;
        var previousEnd = -1;
        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            if (token.Kind == EnvelopeTokenKind.Comment)
            {
                continue;
            }

            if (length > 0 && token.Start > previousEnd && (spaced || !(IsDot(raw, token) || IsDot(raw, tokens[i - 1]))))
            {
                scratch[length++] = (byte)' ';
            }

            var text = raw[token.Start..token.End];
            length += token.Kind == EnvelopeTokenKind.Quoted ? Unquote(text, scratch.AsSpan(length)) : Copy(text, scratch.AsSpan(length));
            previousEnd = token.End;
        }

        return length == 0 ? null : Charsets.DecodeHeaderText(scratch.AsSpan(0, length));
    }

    private static bool IsDot(ReadOnlySpan<byte> raw, EnvelopeToken token) => EnvelopeTokenizer.IsSpecial(token, raw, (byte)'.');

    private static string? LastComment(ReadOnlySpan<byte> raw, List<EnvelopeToken> tokens, int start, int end, byte[] scratch)
    {
        for (var i = end - 1; i >= start; i--)
        {
            if (tokens[i].Kind == EnvelopeTokenKind.Comment)
            {
                var text = raw[tokens[i].Start..tokens[i].End];
                var length = Unquote(text, scratch);
                var trimmed = scratch.AsSpan(0, length).Trim(" \t"u8);
                return trimmed.IsEmpty ? null : Charsets.DecodeHeaderText(trimmed);
            }
        }

        return null;
    }

    /// <summary>Drops the delimiters of a quoted-string or comment, resolves quoted-pairs and unfolds.</summary>
    private static int Unquote(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        var closed = text.Length >= 2 && text[^1] == (text[0] == (byte)'(' ? (byte)')' : (byte)'"');
        var content = text[1..(closed ? text.Length - 1 : text.Length)];
        var length = 0;
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            if (b == (byte)'\\' && i + 1 < content.Length)
            {
                b = content[++i];
            }
            else if (b is (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            destination[length++] = b;
        }

        return length;
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        var length = 0;
        foreach (var b in text)
        {
            if (b is not ((byte)'\r' or (byte)'\n'))
            {
                destination[length++] = b;
            }
        }

        return length;
    }
}
