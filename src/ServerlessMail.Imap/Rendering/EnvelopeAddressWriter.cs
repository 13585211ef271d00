using System.Buffers;
using System.Text.Unicode;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Rendering;

/// <summary>
/// Writes an address field as RFC 3501 §7.4.2 address structures, (name adl mailbox host), straight from the raw
/// octets: a group opens with (NIL NIL groupname NIL) and closes with (NIL NIL NIL NIL). Text is kept as written
/// (encoded-words are the client's to decode; RFC 3501 passes header text through), unlike
/// <see cref="AddressParser"/>, which decodes display names for people. The shape follows RFC 5322 §3.4 leniently,
/// as Dovecot does: a group is "phrase: list;", an unterminated group closes at the end, a comment names a bare
/// addr-spec, and a piece without '@' gets the host <see cref="MissingDomain"/>, so it is never read as a group marker.
/// Tokens and scratch come from the pool; nothing but the output is allocated.
/// </summary>
internal static class EnvelopeAddressWriter
{
    public const string MissingDomain = "MISSING_DOMAIN";
    public const string MissingMailbox = "MISSING_MAILBOX";

    /// <summary>Writes the list, or NIL when the field holds no address at all.</summary>
    public static void WriteList(IBufferWriter<byte> output, ReadOnlySpan<byte> raw)
    {
        var tokens = ArrayPool<EnvelopeToken>.Shared.Rent(raw.Length + 1);
        var scratch = ArrayPool<byte>.Shared.Rent(raw.Length + 1);
        try
        {
            var count = EnvelopeTokenizer.Tokenize(raw, tokens);
            if (!HasAddress(raw, tokens.AsSpan(0, count)))
            {
                ImapSyntax.WriteNil(output);
                return;
            }

            ImapSyntax.WriteByte(output, (byte)'(');
            new State(output, raw, tokens.AsSpan(0, count), scratch).WriteAll();
            ImapSyntax.WriteByte(output, (byte)')');
        }
        finally
        {
            ArrayPool<EnvelopeToken>.Shared.Return(tokens);
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>False for an empty field, or one of only commas and comments: RFC 3501 then uses From for Sender and Reply-To.</summary>
    public static bool HasAddress(ReadOnlySpan<byte> raw)
    {
        var tokens = ArrayPool<EnvelopeToken>.Shared.Rent(raw.Length + 1);
        try
        {
            var count = EnvelopeTokenizer.Tokenize(raw, tokens);
            return HasAddress(raw, tokens.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<EnvelopeToken>.Shared.Return(tokens);
        }
    }

    // Any token but a comment, ',' or ';' makes WriteAll write at least one structure.
    private static bool HasAddress(ReadOnlySpan<byte> raw, ReadOnlySpan<EnvelopeToken> tokens)
    {
        foreach (var token in tokens)
        {
            if (token.Kind != EnvelopeTokenKind.Comment && !EnvelopeTokenizer.IsSpecial(token, raw, (byte)',') && !EnvelopeTokenizer.IsSpecial(token, raw, (byte)';'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Header octets as a string: as they are when ASCII or UTF-8 (RFC 6532), else through the Latin fallback.</summary>
    internal static void WriteHeaderBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> text)
    {
        if (Utf8.IsValid(text))
        {
            ImapSyntax.WriteNStringBytes(output, text);
            return;
        }

        ImapSyntax.WriteString(output, Charsets.DecodeHeaderText(text));
    }

    private ref struct State(IBufferWriter<byte> output, ReadOnlySpan<byte> raw, ReadOnlySpan<EnvelopeToken> tokens, Span<byte> scratch)
    {
        private readonly IBufferWriter<byte> _output = output;
        private readonly ReadOnlySpan<byte> _raw = raw;
        private readonly ReadOnlySpan<EnvelopeToken> _tokens = tokens;
        private readonly Span<byte> _scratch = scratch;

        public readonly void WriteAll()
        {
            var pieceStart = 0;
            var inGroup = false;
            var inAngle = false;
            for (var i = 0; i < _tokens.Length; i++)
            {
                var token = _tokens[i];
                if (token.Kind != EnvelopeTokenKind.Special)
                {
                    continue;
                }

                var special = _raw[token.Start];
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
                        WritePiece(pieceStart, i);
                        pieceStart = i + 1;
                        break;
                    case (byte)':' when !inGroup && IsPhrase(pieceStart, i):
                        ImapSyntax.WriteRaw(_output, "(NIL NIL "u8);
                        WriteField(Join(pieceStart, i, spaced: true), string.Empty);
                        ImapSyntax.WriteRaw(_output, " NIL)"u8);
                        inGroup = true;
                        pieceStart = i + 1;
                        break;
                    case (byte)';':
                        WritePiece(pieceStart, i);
                        pieceStart = i + 1;
                        if (inGroup)
                        {
                            ImapSyntax.WriteRaw(_output, GroupEnd);
                            inGroup = false;
                        }

                        break;
                }
            }

            WritePiece(pieceStart, _tokens.Length);
            if (inGroup)
            {
                ImapSyntax.WriteRaw(_output, GroupEnd);
            }
        }

        private static ReadOnlySpan<byte> GroupEnd => "(NIL NIL NIL NIL)"u8;

        private readonly void WritePiece(int start, int end)
        {
            var open = -1;
            var close = end;
            var hasContent = false;
            for (var i = start; i < end; i++)
            {
                hasContent |= _tokens[i].Kind != EnvelopeTokenKind.Comment;
                if (open < 0 && IsSpecial(_tokens[i], (byte)'<'))
                {
                    open = i;
                }
                else if (open >= 0 && IsSpecial(_tokens[i], (byte)'>'))
                {
                    close = i;
                    break;
                }
            }

            if (!hasContent)
            {
                return;
            }

            ImapSyntax.WriteByte(_output, (byte)'(');
            var specStart = start;
            var route = -1;
            if (open < 0)
            {
                // A bare addr-spec: the comment, if any, names it ("a@b (Alice)"), as clients display it.
                WriteField(LastComment(start, end), null);
                close = end;
            }
            else
            {
                WriteField(Join(start, open, spaced: true), null);
                specStart = open + 1;
                if (specStart < close && IsSpecial(_tokens[specStart], (byte)'@'))
                {
                    for (var i = specStart; i < close && route < 0; i++)
                    {
                        route = IsSpecial(_tokens[i], (byte)':') ? i : -1;
                    }
                }
            }

            ImapSyntax.WriteByte(_output, (byte)' ');
            if (route >= 0)
            {
                WriteField(Join(specStart, route, spaced: false), null);
                specStart = route + 1;
            }
            else
            {
                ImapSyntax.WriteNil(_output);
            }

            var at = -1;
            for (var i = close - 1; i >= specStart && at < 0; i--)
            {
                at = IsSpecial(_tokens[i], (byte)'@') ? i : -1;
            }

            ImapSyntax.WriteByte(_output, (byte)' ');
            WriteField(Join(specStart, at < 0 ? close : at, spaced: false), MissingMailbox);
            ImapSyntax.WriteByte(_output, (byte)' ');
            WriteField(at < 0 ? -1 : Join(at + 1, close, spaced: false), MissingDomain);
            ImapSyntax.WriteByte(_output, (byte)')');
        }

        /// <summary>The scratch text of a <see cref="Join"/> (length, or -1 for none), else the fallback, else NIL.</summary>
        private readonly void WriteField(int length, string? fallback)
        {
            if (length > 0)
            {
                WriteHeaderBytes(_output, _scratch[..length]);
            }
            else
            {
                ImapSyntax.WriteNString(_output, fallback);
            }
        }

        private readonly bool IsPhrase(int start, int end)
        {
            var words = 0;
            for (var i = start; i < end; i++)
            {
                switch (_tokens[i].Kind)
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

        /// <summary>
        /// The tokens' text into scratch, comments left out and quoted-strings unquoted (RFC 5322 §3.2.4); the length,
        /// or -1 when there is none. A phrase keeps one space where the field had white space between tokens; an
        /// addr-spec piece drops the white space around its dots (RFC 5322 §4.4 obs-local-part) but keeps one
        /// between words, so "Saved by Blink" never reads "SavedbyBlink". Never longer than the raw field.
        /// </summary>
        private readonly int Join(int start, int end, bool spaced)
        {
            var length = 0;
            var previous = -1;
            for (var i = start; i < end; i++)
            {
                var token = _tokens[i];
                if (token.Kind == EnvelopeTokenKind.Comment)
                {
                    continue;
                }

                if (length > 0 && token.Start > _tokens[previous].End &&
                    (spaced || !(IsSpecial(token, (byte)'.') || IsSpecial(_tokens[previous], (byte)'.'))))
                {
                    _scratch[length++] = (byte)' ';
                }

                var text = _raw[token.Start..token.End];
                length += token.Kind == EnvelopeTokenKind.Quoted ? Unquote(text, _scratch[length..]) : CopyUnfolded(text, _scratch[length..]);
                previous = i;
            }

            return length == 0 ? -1 : length;
        }

        private readonly int LastComment(int start, int end)
        {
            for (var i = end - 1; i >= start; i--)
            {
                if (_tokens[i].Kind == EnvelopeTokenKind.Comment)
                {
                    var length = Unquote(_raw[_tokens[i].Start.._tokens[i].End], _scratch);
                    var trimmed = _scratch[..length].Trim(" \t"u8);
                    trimmed.CopyTo(_scratch);
                    return trimmed.IsEmpty ? -1 : trimmed.Length;
                }
            }

            return -1;
        }

        private readonly bool IsSpecial(EnvelopeToken token, byte special) => EnvelopeTokenizer.IsSpecial(token, _raw, special);
    }

    /// <summary>Drops the delimiters of a quoted-string or comment, then resolves quoted-pairs and unfolds.</summary>
    private static int Unquote(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        var closed = text.Length >= 2 && text[^1] == (text[0] == (byte)'(' ? (byte)')' : (byte)'"');
        return QuotedText.Unescape(text[1..(closed ? text.Length - 1 : text.Length)], destination);
    }

    private static int CopyUnfolded(ReadOnlySpan<byte> text, Span<byte> destination)
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
