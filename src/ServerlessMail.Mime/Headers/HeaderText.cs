using System.Buffers;
using System.Text;

namespace ServerlessMail.Mime;

/// <summary>Unfolding and plain decoding of header values (no RFC 2047 processing).</summary>
internal static class HeaderText
{
    // Above this the unfold scratch comes from the pool instead of the stack.
    internal const int StackScratchSize = 512;

    private static readonly SearchValues<byte> LineBreaks = SearchValues.Create("\r\n"u8);

    /// <summary>
    /// Unfolds a raw header value (RFC 5322 §2.2.3: a line break followed by WSP is removed, the WSP is kept), trims
    /// it and decodes it with <see cref="Charsets.DecodeHeaderText"/>. Stray CR or LF octets are removed too, so the
    /// result never contains a line break.
    /// </summary>
    public static string UnfoldAndDecode(ReadOnlySpan<byte> raw)
    {
        raw = TrimWhitespace(raw);
        if (raw.IndexOfAny(LineBreaks) < 0)
        {
            return Charsets.DecodeHeaderText(raw);
        }

        // Folded ASCII (most long fields: Received, DKIM-Signature, References): widen straight into the string,
        // skipping the line breaks, instead of unfolding into scratch first. The raw value is already trimmed and
        // its ends are not CR or LF, so removing them cannot expose new whitespace to trim.
        if (Ascii.IsValid(raw))
        {
            int length = raw.Length - raw.Count((byte)'\r') - raw.Count((byte)'\n');
            return string.Create(length, new UnfoldInput(raw), static (chars, input) => WidenUnfolded(input.Raw, chars));
        }

        // Stack scratch is zeroed on entry, so it is sized to the value rather than to the limit.
        byte[]? rented = null;
        Span<byte> scratch = raw.Length <= StackScratchSize
            ? stackalloc byte[raw.Length]
            : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            int length = Unfold(raw, scratch);
            return Charsets.DecodeHeaderText(TrimWhitespace(scratch[..length]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Copies <paramref name="raw"/> without its CR and LF octets; <paramref name="destination"/> must be at least as long.</summary>
    internal static int Unfold(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        int written = 0;
        while (true)
        {
            int next = raw.IndexOfAny(LineBreaks);
            if (next < 0)
            {
                raw.CopyTo(destination[written..]);
                return written + raw.Length;
            }

            raw[..next].CopyTo(destination[written..]);
            written += next;
            raw = raw[(next + BreakLength(raw, next))..];
        }
    }

    // A fold's CRLF is dropped in one step rather than one octet per search; a lone CR or LF goes on its own.
    private static int BreakLength(ReadOnlySpan<byte> raw, int index) =>
        raw[index] == (byte)'\r' && index + 1 < raw.Length && raw[index + 1] == (byte)'\n' ? 2 : 1;

    private static void WidenUnfolded(ReadOnlySpan<byte> raw, Span<char> chars)
    {
        while (true)
        {
            int next = raw.IndexOfAny(LineBreaks);
            ReadOnlySpan<byte> run = next < 0 ? raw : raw[..next];
            Ascii.ToUtf16(run, chars, out int written);
            if (next < 0)
            {
                return;
            }

            chars = chars[written..];
            raw = raw[(next + BreakLength(raw, next))..];
        }
    }

    internal static bool ContainsLineBreak(ReadOnlySpan<byte> raw) => raw.IndexOfAny(LineBreaks) >= 0;

    internal static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> value) => value.Trim(" \t\r\n"u8);

    internal static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t';

    // A state type of its own, not a bare ReadOnlySpan<byte>: string.Create<ReadOnlySpan<byte>> is also used by
    // Charsets.DecodeHeaderText, and sharing that instantiation makes its delegate call polymorphic, which
    // measured some 15% slower over a message's header values.
    private readonly ref struct UnfoldInput(ReadOnlySpan<byte> raw)
    {
        public ReadOnlySpan<byte> Raw { get; } = raw;
    }
}
