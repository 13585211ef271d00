namespace ServerlessMail.Imap.Protocol;

/// <summary>
/// The two wire spellings of a mailbox name. IMAP4rev1 uses modified UTF-7 (RFC 3501 §5.1.3, <see cref="ModifiedUtf7"/>);
/// IMAP4rev2 (RFC 9051 §5.1) sends the name itself in UTF-8, so "&amp;" is an ordinary character there and nothing is
/// decoded. The control characters, DEL and the line and paragraph separators RFC 9051 §5.1 forbids are refused.
/// Names are kept as sent, not brought to NFC: the build runs with invariant globalization, which cannot normalize,
/// and a name kept as sent needs no OLDNAME (RFC 9051 §6.3.2) to tell the client what became of it.
/// </summary>
internal static class MailboxNames
{
    public static string Encode(string name, bool utf8) => utf8 ? name : ModifiedUtf7.Encode(name);

    /// <summary>Null when <paramref name="name"/> was decoded; otherwise why the wire name is refused.</summary>
    public static string? TryDecode(string wire, bool utf8, out string name)
    {
        if (!utf8)
        {
            return ModifiedUtf7.TryDecode(wire, out name) ? null : "Mailbox name is not valid modified UTF-7 (RFC 3501 §5.1.3)";
        }

        name = string.Empty;
        if (wire.Any(c => c is <= '\u001F' or (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029'))
        {
            return "Mailbox name has a control character (RFC 9051 §5.1)";
        }

        name = wire;
        return null;
    }
}
