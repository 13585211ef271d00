using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ServerlessMail.Mime;

/// <summary>
/// Accumulates decoded header text. Octets of consecutive encoded-words in the same charset are held back and
/// converted together, so a multibyte character split across two words survives.
/// </summary>
internal ref struct HeaderTextWriter
{
    private readonly ReadOnlySpan<byte> _text;
    private CharsetInfo? _literalCharset;
    private ValueBuffer<char> _chars;
    private ValueBuffer<byte> _octets;
    private CharsetInfo? _octetsCharset;
    private bool _hasOctets;
    private bool _pendingSpace;

    /// <param name="text">
    /// The whole value being decoded. Text outside encoded-words is UTF-8 (RFC 6532) when all of it is valid UTF-8,
    /// else windows-1252; that is checked only if some literal text is not ASCII, which is rare.
    /// </param>
    public HeaderTextWriter(Span<char> chars, Span<byte> octets, ReadOnlySpan<byte> text)
    {
        _chars = new ValueBuffer<char>(chars);
        _octets = new ValueBuffer<byte>(octets);
        _text = text;
    }

    /// <summary>True when the last thing written was an encoded-word (pending whitespace aside).</summary>
    public bool LastWasWord { get; private set; }

    /// <summary>Appends octets that are not an encoded-word, whitespace included, as they are.</summary>
    public void AppendLiteral(scoped ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        FlushOctets();
        EmitPendingSpace();

        // Widen the ASCII run in one pass; only what follows the first 8-bit octet needs the literal charset. An
        // ASCII octet never sits inside a multibyte sequence, so decoding the rest on its own changes nothing.
        // Both literal charsets need at most one char per octet plus one (UTF-8's worst-case allowance).
        Span<char> destination = _chars.GetSpan(bytes.Length + 1);
        if (Ascii.ToUtf16(bytes, destination, out int ascii) != OperationStatus.Done)
        {
            _literalCharset ??= Utf8.IsValid(_text) ? Charsets.Utf8 : Charsets.Windows1252;
            ascii += _literalCharset.GetChars(bytes[ascii..], destination[ascii..]);
        }

        _chars.Advance(ascii);

        LastWasWord = false;
    }

    /// <summary>Appends literal octets, turning each run of whitespace into one space that is written only if text follows.</summary>
    public void AppendCollapsed(scoped ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            int space = bytes.IndexOfAny((byte)' ', (byte)'\t');
            if (space < 0)
            {
                AppendLiteral(bytes);
                return;
            }

            AppendLiteral(bytes[..space]);
            RequestSpace();
            int next = bytes[space..].IndexOfAnyExcept((byte)' ', (byte)'\t');
            bytes = next < 0 ? default : bytes[(space + next)..];
        }
    }

    public void AppendWord(scoped EncodedWord word)
    {
        // RFC 2047 §6.2: whitespace between adjacent encoded-words is not displayed.
        if (_pendingSpace && !LastWasWord)
        {
            FlushOctets();
            _chars.Append(' ');
        }

        _pendingSpace = false;
        CharsetInfo? charset = Charsets.Resolve(word.Charset);
        if (_hasOctets && !ReferenceEquals(charset, _octetsCharset))
        {
            FlushOctets();
        }

        _octetsCharset = charset;
        _hasOctets = true;
        _octets.Advance(word.DecodeTo(_octets.GetSpan(word.Text.Length)));
        LastWasWord = true;
    }

    /// <summary>The text so far; <paramref name="trim"/> drops leading and trailing SP and HTAB.</summary>
    public string ToString(bool trim)
    {
        FlushOctets();
        ReadOnlySpan<char> text = _chars.Written;
        return new string(trim ? text.Trim(" \t") : text);
    }

    public void Dispose()
    {
        _chars.Dispose();
        _octets.Dispose();
    }

    private void RequestSpace()
    {
        if (_chars.Length > 0 || _hasOctets)
        {
            _pendingSpace = true;
        }
    }

    private void EmitPendingSpace()
    {
        if (_pendingSpace)
        {
            _chars.Append(' ');
            _pendingSpace = false;
        }
    }

    private void FlushOctets()
    {
        if (_hasOctets)
        {
            ReadOnlySpan<byte> octets = _octets.Written;
            CharsetInfo charset = Charsets.Select(ref octets, _octetsCharset);
            _chars.Advance(charset.GetChars(octets, _chars.GetSpan(charset.GetMaxCharCount(octets.Length))));
            _octets.Clear();
            _hasOctets = false;
        }
    }
}
