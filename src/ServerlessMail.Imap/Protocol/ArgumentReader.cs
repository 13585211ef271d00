namespace ServerlessMail.Imap.Protocol;

/// <summary>A cursor over a command's tokens, for the per-command parsers (RFC 3501 §9 names: atom, astring, nstring, list).</summary>
/// <param name="utf8Mailboxes">Mailbox names come in UTF-8 (an IMAP4rev2 session, RFC 9051 §5.1), not modified UTF-7.</param>
internal sealed class ArgumentReader(IReadOnlyList<ImapToken> tokens, bool utf8Mailboxes = false)
{
    private int _index;

    public bool End => _index >= tokens.Count;

    public ImapToken? Peek => End ? null : tokens[_index];

    public bool TryAtom(out string atom)
    {
        atom = string.Empty;
        if (End || tokens[_index].Kind != TokenKind.Atom)
        {
            return false;
        }

        atom = tokens[_index++].Text;
        return true;
    }

    /// <summary>The next atom when it is <paramref name="word"/> (case-insensitive).</summary>
    public bool TryWord(string word)
    {
        if (End || tokens[_index].Kind != TokenKind.Atom || !string.Equals(tokens[_index].Text, word, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        _index++;
        return true;
    }

    /// <summary>astring: an atom, a quoted string or a literal.</summary>
    public bool TryAString(out string value)
    {
        value = string.Empty;
        if (End || !tokens[_index].IsString)
        {
            return false;
        }

        value = tokens[_index++].Text;
        return true;
    }

    /// <summary>Why the last <see cref="TryMailbox"/> refused a name that was there; null when it was missing.</summary>
    public string? MailboxError { get; private set; }

    /// <summary>
    /// A mailbox name: an astring in modified UTF-7 (RFC 3501 §5.1.3), or in UTF-8 for a rev2 session, decoded to
    /// the Unicode name the store keeps (<see cref="MailboxNames"/>). A name that does not decode is refused with
    /// <see cref="MailboxError"/> set.
    /// </summary>
    public bool TryMailbox(out string mailbox)
    {
        mailbox = string.Empty;
        MailboxError = null;
        if (!TryAString(out var raw))
        {
            return false;
        }

        MailboxError = MailboxNames.TryDecode(raw, utf8Mailboxes, out mailbox);
        return MailboxError is null;
    }

    /// <summary>APPEND's message: a literal, a literal8 (RFC 3516 §4.4) or, leniently, a quoted string.</summary>
    public bool TryLiteral(out ImapToken literal)
    {
        literal = default;
        if (End || tokens[_index].Kind is not (TokenKind.Literal or TokenKind.Literal8 or TokenKind.Quoted))
        {
            return false;
        }

        literal = tokens[_index++];
        return true;
    }

    public bool TryNumber(out uint value)
    {
        value = 0;
        return !End && tokens[_index].Kind == TokenKind.Atom
            && uint.TryParse(tokens[_index].Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value)
            && ++_index > 0;
    }

    public bool TryULong(out ulong value)
    {
        value = 0;
        return !End && tokens[_index].Kind == TokenKind.Atom
            && ulong.TryParse(tokens[_index].Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value)
            && ++_index > 0;
    }

    public bool TryOpen() => TryKind(TokenKind.Open);

    public bool TryClose() => TryKind(TokenKind.Close);

    public bool TrySequenceSet(out SequenceSet set)
    {
        set = null!;
        if (End || tokens[_index].Kind != TokenKind.Atom || !SequenceSet.TryParse(System.Text.Encoding.ASCII.GetBytes(tokens[_index].Text), out var parsed) || parsed is null)
        {
            return false;
        }

        _index++;
        set = parsed;
        return true;
    }

    /// <summary>A parenthesized list of atoms (flags, STATUS items), or with <paramref name="allowSingle"/> a single atom.</summary>
    public bool TryAtomList(out List<string> atoms, bool allowSingle = false)
    {
        atoms = [];
        if (!TryOpen())
        {
            if (allowSingle && TryAtom(out var single))
            {
                atoms.Add(single);
                return true;
            }

            return false;
        }

        while (!TryClose())
        {
            if (!TryAtom(out var atom))
            {
                return false;
            }

            atoms.Add(atom);
        }

        return true;
    }

    private bool TryKind(TokenKind kind)
    {
        if (End || tokens[_index].Kind != kind)
        {
            return false;
        }

        _index++;
        return true;
    }
}
