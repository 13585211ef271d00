namespace ServerlessMail.Imap.Rendering;

/// <summary>
/// One RFC 3501 §7.4.2 address structure: (name adl mailbox host). A group opens with (NIL NIL groupname NIL) and
/// closes with (NIL NIL NIL NIL). Every string is the raw header text (encoded-words left as they are).
/// </summary>
internal readonly record struct EnvelopeAddress(string? Name, string? Route, string? Mailbox, string? Host)
{
    public static EnvelopeAddress GroupEnd => default;

    public static EnvelopeAddress GroupStart(string name) => new(null, null, name, null);
}
