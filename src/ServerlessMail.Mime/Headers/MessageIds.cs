using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// Message-ID, In-Reply-To and References (RFC 5322 §3.6.4). Reading is tolerant: comments, folds, phrases and other
/// junk between ids are skipped, and a bare <c>x@y</c> without angle brackets is accepted when the field has no
/// bracketed id at all (so a sender's address inside an In-Reply-To phrase is never mistaken for an id).
/// </summary>
public static class MessageIds
{
    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    private const int MaxScannedIds = 16;
    private const int MaxPresizedIds = 64;

    private static readonly IdnMapping Idn = new();

    private static readonly SearchValues<char> NotInLiteral = SearchValues.Create("[]\\ \t\r\n");

    /// <summary>The ids without angle brackets, in order, duplicates removed (ids compare case-sensitively).</summary>
    public static IReadOnlyList<string> ParseList(ReadOnlySpan<byte> raw)
    {
        // Each bracketed id opens with '<', so their count sizes the list once for the usual References field.
        var ids = new List<string>(Math.Min(raw.Count((byte)'<'), MaxPresizedIds));
        HashSet<string>? seen = null;
        List<string>? bare = null;
        var scanner = new Scanner(raw);
        while (scanner.Next(out var id, out var bracketed))
        {
            if (!bracketed)
            {
                (bare ??= []).Add(id);
                continue;
            }

            AddDistinct(ids, ref seen, id);
        }

        if (ids.Count == 0 && bare is not null)
        {
            seen = null;
            foreach (var id in bare)
            {
                AddDistinct(ids, ref seen, id);
            }
        }

        return ids;
    }

    /// <summary>
    /// Adds <paramref name="id"/> unless it is already there. A References field holds a handful of ids, which a
    /// scan compares faster than hashing them; past <see cref="MaxScannedIds"/> a set keeps hostile input linear.
    /// </summary>
    private static void AddDistinct(List<string> ids, ref HashSet<string>? seen, string id)
    {
        if (seen is null)
        {
            foreach (var existing in ids)
            {
                if (string.Equals(existing, id, StringComparison.Ordinal))
                {
                    return;
                }
            }

            ids.Add(id);
            if (ids.Count == MaxScannedIds)
            {
                seen = new HashSet<string>(ids, StringComparer.Ordinal);
            }

            return;
        }

        if (seen.Add(id))
        {
            ids.Add(id);
        }
    }

    /// <summary>The first id (the Message-ID itself, or the first parent of In-Reply-To), or null.</summary>
    public static string? ParseFirst(ReadOnlySpan<byte> raw)
    {
        string? firstBare = null;
        var scanner = new Scanner(raw);
        while (scanner.Next(out var id, out var bracketed))
        {
            if (bracketed)
            {
                return id;
            }

            firstBare ??= id;
        }

        return firstBare;
    }

    /// <summary>
    /// A new globally unique id for <paramref name="domain"/>, without brackets: 80 random bits and the time in
    /// milliseconds, both base32, then <c>@domain</c> (RFC 5322 §3.6.4 recommends a domain the generator controls).
    /// A Unicode domain is written in its ASCII (punycode) form.
    /// </summary>
    public static string Generate(string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var ascii = ToIdRight(domain)
            ?? throw new ArgumentException("The domain is not a valid host name or address literal.", nameof(domain));

        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        Span<char> buffer = stackalloc char[32];
        var length = Base32(random, buffer);
        buffer[length++] = '.';
        var time = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        length += Base32(time, buffer[length..]);
        return string.Concat(buffer[..length], "@", ascii);
    }

    private static string? ToIdRight(string domain)
    {
        if (domain.StartsWith('[') && domain.EndsWith(']'))
        {
            return domain.AsSpan(1, domain.Length - 2).ContainsAny(NotInLiteral) ? null : domain;
        }

        string ascii;
        try
        {
            ascii = Ascii.IsValid(domain) ? domain : Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return null;
        }

        foreach (var c in ascii)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                return null;
            }
        }

        return ascii.StartsWith('.') || ascii.EndsWith('.') || ascii.Contains("..", StringComparison.Ordinal) ? null : ascii;
    }

    private static int Base32(ReadOnlySpan<byte> bytes, Span<char> output)
    {
        var length = 0;
        var buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                output[length++] = Base32Alphabet[(buffer >> bits) & 31];
            }
        }

        if (bits > 0)
        {
            output[length++] = Base32Alphabet[(buffer << (5 - bits)) & 31];
        }

        return length;
    }

    private static int Base32(ulong value, Span<char> output)
    {
        Span<char> reversed = stackalloc char[13];
        var length = 0;
        do
        {
            reversed[length++] = Base32Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        while (value != 0);

        for (var i = 0; i < length; i++)
        {
            output[i] = reversed[length - 1 - i];
        }

        return length;
    }

    /// <summary>Walks a field value and yields each id: bracketed ones, and bare <c>x@y</c> words as candidates.</summary>
    private ref struct Scanner(ReadOnlySpan<byte> raw)
    {
        private readonly ReadOnlySpan<byte> _raw = raw;
        private int _position;

        // Where a quoted string was first found to have no closing quote. Every later quote is then unclosed too
        // (each one is escaped in that scan), so remembering it keeps hostile input like "\"\"\"... linear.
        private int _unclosedQuote = int.MaxValue;

        public bool Next(out string id, out bool bracketed)
        {
            while (_position < _raw.Length)
            {
                var b = _raw[_position];
                switch (b)
                {
                    case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)';' or (byte)'>' or (byte)')':
                        _position++;
                        continue;
                    case (byte)'(':
                        _position = SkipComment(_raw, _position);
                        continue;
                    case (byte)'"':
                        // A phrase word, unless the quoted string is a local part ("a b"@host).
                        var end = SkipQuoted(_position);
                        if (end < 0 || end == _raw.Length || _raw[end] != (byte)'@')
                        {
                            _position = end < 0 ? _position + 1 : end;
                            continue;
                        }

                        goto default;
                    case (byte)'<':
                        if (ReadBracketed(out id))
                        {
                            bracketed = true;
                            return true;
                        }

                        continue;
                    default:
                        if (ReadBare(out id))
                        {
                            bracketed = false;
                            return true;
                        }

                        continue;
                }
            }

            id = string.Empty;
            bracketed = false;
            return false;
        }

        /// <summary>"&lt;" id "&gt;"; a quoted local part may hold "&gt;". An unclosed bracket yields its first word.</summary>
        private bool ReadBracketed(out string id)
        {
            var start = _position + 1;
            var i = start;
            while (i < _raw.Length)
            {
                // Only a bracket or a quote matters here; an id is mostly neither, so jump between them.
                var next = _raw[i..].IndexOfAny((byte)'>', (byte)'<', (byte)'"');
                if (next < 0)
                {
                    i = _raw.Length;
                    break;
                }

                i += next;
                if (_raw[i] != (byte)'"')
                {
                    break;
                }

                i = NextInWord(i);
            }

            var content = _raw[start..i];
            if (i < _raw.Length && _raw[i] == (byte)'>')
            {
                _position = i + 1;
            }
            else
            {
                // Unclosed: keep only the first word, and rescan the rest (it may hold the next "<").
                var end = content.IndexOfAny(" \t\r\n"u8);
                if (end >= 0)
                {
                    content = content[..end];
                }

                _position = start + content.Length;
                if (content.IndexOf((byte)'@') <= 0)
                {
                    id = string.Empty;
                    return false;
                }
            }

            id = Clean(content);
            return id.Length > 0;
        }

        /// <summary>A word outside brackets; it counts only when it looks like local@domain.</summary>
        private bool ReadBare(out string id)
        {
            var start = _position;
            var i = start;
            while (i < _raw.Length && !IsWordEnd(_raw[i]))
            {
                i = NextInWord(i);
            }

            _position = Math.Max(i, start + 1);
            var word = _raw[start..i];
            var at = word.LastIndexOf((byte)'@');
            if (at <= 0 || at == word.Length - 1 || word[^1] == (byte)'"')
            {
                id = string.Empty;
                return false;
            }

            id = Clean(word);
            return true;
        }

        /// <summary>Steps over one byte, or over a whole quoted string (which may hold brackets) when it is closed.</summary>
        private int NextInWord(int i)
        {
            if (_raw[i] != (byte)'"')
            {
                return i + 1;
            }

            var end = SkipQuoted(i);
            return end < 0 ? i + 1 : end;
        }

        /// <summary>The index just past the closing quote, or -1 when the string is not closed.</summary>
        private int SkipQuoted(int open)
        {
            if (open > _unclosedQuote)
            {
                return -1;
            }

            for (var i = open + 1; i < _raw.Length; i++)
            {
                if (_raw[i] == (byte)'\\')
                {
                    i++;
                }
                else if (_raw[i] == (byte)'"')
                {
                    return i + 1;
                }
            }

            _unclosedQuote = open;
            return -1;
        }

        /// <summary>The index just past the comment's closing parenthesis (comments nest), or the end of input.</summary>
        private static int SkipComment(ReadOnlySpan<byte> raw, int open)
        {
            var depth = 0;
            for (var i = open; i < raw.Length; i++)
            {
                switch (raw[i])
                {
                    case (byte)'\\':
                        i++;
                        break;
                    case (byte)'(':
                        depth++;
                        break;
                    case (byte)')' when --depth == 0:
                        return i + 1;
                }
            }

            return raw.Length;
        }

        private static bool IsWordEnd(byte b) =>
            b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)';'
                or (byte)'<' or (byte)'>' or (byte)'(' or (byte)')';

        /// <summary>Unfolds (drops CR and LF) and trims; the id keeps its quotes and inner spaces as written.</summary>
        private static string Clean(ReadOnlySpan<byte> content)
        {
            content = content.Trim(" \t\r\n"u8);
            if (content.IndexOfAny((byte)'\r', (byte)'\n') < 0)
            {
                return Charsets.DecodeHeaderText(content);
            }

            var buffer = new byte[content.Length];
            var length = 0;
            foreach (var b in content)
            {
                if (b is not ((byte)'\r' or (byte)'\n'))
                {
                    buffer[length++] = b;
                }
            }

            return Charsets.DecodeHeaderText(buffer.AsSpan(0, length));
        }
    }
}
