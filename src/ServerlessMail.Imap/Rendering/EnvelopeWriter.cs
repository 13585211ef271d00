using System.Buffers;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Rendering;

/// <summary>
/// The RFC 3501 §7.4.2 ENVELOPE of a message root, from its stored header fields: (date subject from sender reply-to
/// to cc bcc in-reply-to message-id). Strings are the header text as written, unfolded; encoded-words are left for
/// the client to decode, as RFC 3501 and every major server do.
/// </summary>
internal static class EnvelopeWriter
{
    public static void Write(IBufferWriter<byte> output, MimeEntity messageRoot)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(messageRoot);
        var headers = messageRoot.Headers;
        ImapSyntax.WriteByte(output, (byte)'(');
        WriteText(output, headers.Find(HeaderNames.Date));
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteText(output, headers.Find(HeaderNames.Subject));
        ImapSyntax.WriteByte(output, (byte)' ');

        // RFC 3501 §7.4.2: an absent or empty Sender or Reply-To is given the value of From.
        var from = headers.Find(HeaderNames.From);
        WriteAddresses(output, from);
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteAddresses(output, OrFrom(headers.Find(HeaderNames.Sender), from));
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteAddresses(output, OrFrom(headers.Find(HeaderNames.ReplyTo), from));
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteAddresses(output, headers.Find(HeaderNames.To));
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteAddresses(output, headers.Find(HeaderNames.Cc));
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteAddresses(output, headers.Find(HeaderNames.Bcc));
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteText(output, headers.Find(HeaderNames.InReplyTo));
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteText(output, headers.Find(HeaderNames.MessageId));
        ImapSyntax.WriteByte(output, (byte)')');
    }

    /// <summary>A header value unfolded and trimmed, as an nstring; NIL when the field is absent.</summary>
    internal static void WriteText(IBufferWriter<byte> output, Header? header)
    {
        if (header is null)
        {
            ImapSyntax.WriteNil(output);
            return;
        }

        var raw = header.RawValue.Span.Trim(" \t\r\n"u8);
        if (raw.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            EnvelopeAddressWriter.WriteHeaderBytes(output, raw);
            return;
        }

        // Folded: Header.Value unfolds (RFC 5322 §2.2.3) and reads raw UTF-8 (RFC 6532) without touching encoded-words.
        ImapSyntax.WriteString(output, header.Value);
    }

    private static Header? OrFrom(Header? header, Header? from) =>
        header is not null && EnvelopeAddressWriter.HasAddress(header.RawValue.Span) ? header : from;

    // The first field only: a repeated From is malformed (RFC 5322 §3.6 allows one), and the first is what clients show.
    private static void WriteAddresses(IBufferWriter<byte> output, Header? header)
    {
        if (header is null)
        {
            ImapSyntax.WriteNil(output);
            return;
        }

        EnvelopeAddressWriter.WriteList(output, header.RawValue.Span);
    }
}
