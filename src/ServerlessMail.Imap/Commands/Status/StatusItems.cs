namespace ServerlessMail.Imap;

/// <summary>
/// The STATUS data items this server answers: RFC 3501 §6.3.10, HIGHESTMODSEQ (RFC 7162 §3.1.1), SIZE (RFC 8438 §3)
/// and DELETED (RFC 9051 §6.3.11). One list, read the same way for STATUS and for LIST's RETURN (STATUS (…))
/// (RFC 5819 §2), which take the same items. IMAP4rev2 has no \Recent, so a session that enabled it may not ask for
/// RECENT (RFC 9051 §6.3.11 lists no such item).
/// </summary>
internal static class StatusItems
{
    public const string Names = "MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE DELETED";

    private static readonly string Rev2Names = Names.Replace("RECENT ", string.Empty, StringComparison.Ordinal);

    private static readonly HashSet<string> Known = [.. Names.Split(' ')];

    private static readonly HashSet<string> Rev2Known = [.. Rev2Names.Split(' ')];

    /// <summary>The items a session may ask for, for an error's text.</summary>
    public static string NamesFor(bool imap4Rev2) => imap4Rev2 ? Rev2Names : Names;

    /// <summary>A parenthesized, non-empty list of known items, upper-cased, in the order asked.</summary>
    public static bool TryRead(ArgumentReader arguments, bool imap4Rev2, out List<string> items)
    {
        if (!arguments.TryAtomList(out items) || items.Count == 0)
        {
            return false;
        }

        items = items.ConvertAll(i => i.ToUpperInvariant());
        return items.TrueForAll((imap4Rev2 ? Rev2Known : Known).Contains);
    }
}
