using System.Buffers;
using System.Text;
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
        var from = Addresses(headers, HeaderNames.From);
        WriteAddresses(output, from);
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteAddresses(output, Addresses(headers, HeaderNames.Sender) ?? from);
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteAddresses(output, Addresses(headers, HeaderNames.ReplyTo) ?? from);
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteAddresses(output, Addresses(headers, HeaderNames.To));
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteAddresses(output, Addresses(headers, HeaderNames.Cc));
        ImapSyntax.WriteByte(output, (byte)' ');
        WriteAddresses(output, Addresses(headers, HeaderNames.Bcc));
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
        if (raw.IndexOfAny((byte)'\r', (byte)'\n') < 0 && Ascii.IsValid(raw))
        {
            ImapSyntax.WriteNStringBytes(output, raw);
            return;
        }

        // Folded or 8-bit: Header.Value unfolds (RFC 5322 §2.2.3) and reads raw UTF-8 (RFC 6532) without touching
        // encoded-words.
        ImapSyntax.WriteString(output, header.Value);
    }

    // The first field only: a repeated From is malformed (RFC 5322 §3.6 allows one), and the first is what clients show.
    private static List<EnvelopeAddress>? Addresses(HeaderList headers, string name)
    {
        var header = headers.Find(name);
        if (header is null)
        {
            return null;
        }

        var addresses = EnvelopeAddressParser.Parse(header.RawValue.Span);
        return addresses.Count == 0 ? null : addresses;
    }

    private static void WriteAddresses(IBufferWriter<byte> output, List<EnvelopeAddress>? addresses)
    {
        if (addresses is null)
        {
            ImapSyntax.WriteNil(output);
            return;
        }

        ImapSyntax.WriteByte(output, (byte)'(');
        foreach (var address in addresses)
        {
            ImapSyntax.WriteByte(output, (byte)'(');
            ImapSyntax.WriteNString(output, address.Name);
            ImapSyntax.WriteByte(output, (byte)' ');
            ImapSyntax.WriteNString(output, address.Route);
            ImapSyntax.WriteByte(output, (byte)' ');
            ImapSyntax.WriteNString(output, address.Mailbox);
            ImapSyntax.WriteByte(output, (byte)' ');
            ImapSyntax.WriteNString(output, address.Host);
            ImapSyntax.WriteByte(output, (byte)')');
        }

        ImapSyntax.WriteByte(output, (byte)')');
    }
}
