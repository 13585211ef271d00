using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// Writes the value kinds of RFC 5322 header fields into a <see cref="HeaderFolder"/>: unstructured text, phrases
/// (display names), mailboxes, address lists and message-id lists. Anything that cannot travel as written (non-ASCII
/// without SMTPUTF8, control characters, text that looks like an encoded-word, a word too long for a line) becomes
/// RFC 2047 encoded-words.
/// </summary>
internal static class HeaderComposer
{
    /// <summary>The longest word that still fits on a folded line: 78 columns less the leading space.</summary>
    private const int MaxPlainWord = HeaderFolder.PreferredLineLength - 1;

    /// <summary>
    /// Unstructured text (RFC 5322 §3.2.5) such as a Subject. Whitespace is kept exactly: a fold goes in front of it,
    /// and a run of words that must be encoded is encoded together with the whitespace between them.
    /// </summary>
    public static void WriteUnstructured(HeaderFolder folder, string value, bool allowUtf8, bool customField)
    {
        var pieces = Split(value);
        var i = 0;
        while (i < pieces.Count)
        {
            var (whitespace, word) = pieces[i];
            if (i == 0)
            {
                whitespace = " " + whitespace;
            }

            if (word.Length == 0)
            {
                // Trailing whitespace has no word to fold in front of.
                folder.Append(whitespace);
                i++;
                continue;
            }

            // The first word cannot move to a line of its own, so it must fit where it is or be encoded in pieces.
            var tooLongHere = !customField && !folder.CanFold && !FitsHere(folder, whitespace, word);
            if (!tooLongHere && !NeedsEncoding(word, allowUtf8, customField))
            {
                folder.Append(whitespace, word);
                i++;
                continue;
            }

            var run = new StringBuilder(word);
            i++;
            while (i < pieces.Count && pieces[i].Word.Length > 0 && NeedsEncoding(pieces[i].Word, allowUtf8, customField))
            {
                run.Append(pieces[i].Whitespace).Append(pieces[i].Word);
                i++;
            }

            EncodedWordEncoder.Write(folder, whitespace, run.ToString(), EncodedWordContext.Text);
        }
    }

    /// <summary>
    /// A display name (RFC 5322 §3.2.5 phrase): atoms when it is made of them, a quoted-string when it has specials,
    /// encoded-words for what neither can carry. Atoms next to encoded-words stay readable.
    /// </summary>
    public static void WritePhrase(HeaderFolder folder, string whitespace, string phrase, bool allowUtf8)
    {
        var words = phrase.Split(' ');
        var regular = Array.TrueForAll(words, word => word.Length > 0);

        // As in unstructured text, only the first word has to fit on the line it starts on.
        var firstFits = folder.CanFold || FitsHere(folder, whitespace, words[0]);
        if (regular && firstFits && Array.TrueForAll(words, word => IsAtom(word, allowUtf8)))
        {
            foreach (var word in words)
            {
                folder.Append(whitespace, word);
                whitespace = " ";
            }

            return;
        }

        if (CanQuote(phrase, allowUtf8))
        {
            var quoted = Quote(phrase);
            if (folder.CanFold ? HeaderFolder.Octets(quoted) <= MaxPlainWord : FitsHere(folder, whitespace, quoted))
            {
                folder.Append(whitespace, quoted);
                return;
            }
        }

        if (!regular)
        {
            // Leading, trailing or doubled spaces survive only inside one encoded run.
            EncodedWordEncoder.Write(folder, whitespace, phrase, EncodedWordContext.Phrase);
            return;
        }

        var i = 0;
        while (i < words.Length)
        {
            if (IsAtom(words[i], allowUtf8) && (i > 0 || firstFits))
            {
                folder.Append(whitespace, words[i]);
                i++;
            }
            else
            {
                var run = new StringBuilder(words[i]);
                i++;
                while (i < words.Length && !IsAtom(words[i], allowUtf8))
                {
                    run.Append(' ').Append(words[i]);
                    i++;
                }

                EncodedWordEncoder.Write(folder, whitespace, run.ToString(), EncodedWordContext.Phrase);
            }

            whitespace = " ";
        }
    }

    /// <summary><c>Name &lt;local@domain&gt;</c>, or the bare addr-spec when there is no name.</summary>
    /// <param name="trailer">Text glued to the end, such as the comma of a list, counted so that it fits too.</param>
    public static void WriteMailbox(HeaderFolder folder, string whitespace, MailboxAddress mailbox, bool allowUtf8, string field, string trailer = "")
    {
        var addrSpec = FormatAddrSpec(mailbox, allowUtf8, field);
        if (mailbox.Name is null)
        {
            folder.Append(whitespace, addrSpec + trailer);
            return;
        }

        WritePhrase(folder, whitespace, mailbox.Name, allowUtf8);
        folder.Append(" ", "<" + addrSpec + ">" + trailer);
    }

    /// <summary>A comma-separated address list (RFC 5322 §3.4); folds go after the commas.</summary>
    public static void WriteMailboxList(HeaderFolder folder, IEnumerable<MailboxAddress> mailboxes, bool allowUtf8, string field)
    {
        var list = mailboxes.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var mailbox = list[i];
            var trailer = i < list.Count - 1 ? "," : string.Empty;

            // A mailbox that fits on a line is kept whole, moving to a new line after the comma if need be.
            var whole = RenderAlone(mailbox, allowUtf8, field, trailer);
            if (whole is not null && folder.Column + 1 + HeaderFolder.Octets(whole) > HeaderFolder.PreferredLineLength && folder.CanFold)
            {
                folder.Fold();
            }

            if (whole is not null && folder.Column + 1 + HeaderFolder.Octets(whole) <= HeaderFolder.PreferredLineLength)
            {
                folder.Append(" ", whole);
            }
            else
            {
                WriteMailbox(folder, " ", mailbox, allowUtf8, field, trailer);
            }
        }
    }

    // The mailbox on one line of its own, or null when it needs more than one.
    private static string? RenderAlone(MailboxAddress mailbox, bool allowUtf8, string field, string trailer)
    {
        var scratch = new HeaderFolder(string.Empty);
        WriteMailbox(scratch, string.Empty, mailbox, allowUtf8, field, trailer);
        var text = scratch.Complete();
        return text.IndexOf("\r\n", StringComparison.Ordinal) == text.Length - 2 ? text[1..^2] : null;
    }

    /// <summary>Message identifiers in angle brackets, separated by spaces (RFC 5322 §3.6.4).</summary>
    public static void WriteIds(HeaderFolder folder, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            folder.Append(" ", "<" + id + ">");
        }
    }

    /// <summary>The addr-spec as it goes on the wire: the local part quoted when it is not a dot-atom, the domain in ASCII without SMTPUTF8.</summary>
    public static string FormatAddrSpec(MailboxAddress mailbox, bool allowUtf8, string field)
    {
        if (!allowUtf8 && mailbox.HasInternationalLocalPart)
        {
            throw new ArgumentException(
                $"{field}: the local part of '{mailbox.Address}' is not ASCII; it can only be sent with SMTPUTF8 (MessageFormatOptions.AllowSmtpUtf8, RFC 6531).");
        }

        var domain = allowUtf8 ? mailbox.Domain : mailbox.AsciiDomain;
        if (!Ascii.IsValid(domain) && !allowUtf8)
        {
            throw new ArgumentException($"{field}: the domain of '{mailbox.Address}' is not a valid internationalized domain name.");
        }

        var local = IsDotAtom(mailbox.LocalPart, allowUtf8) ? mailbox.LocalPart : Quote(mailbox.LocalPart);
        return local + "@" + domain;
    }

    /// <summary>A quoted-string with <c>\</c> before <c>"</c> and <c>\</c> (RFC 5322 §3.2.4).</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }

    /// <summary>RFC 5322 §3.2.3 atext, extended by RFC 6532 §3.2 with UTF-8 when it may be sent raw.</summary>
    public static bool IsAText(char c, bool allowUtf8) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal) || (allowUtf8 && IsRawUtf8(c));

    /// <summary>Characters that may be written as raw UTF-8 with SMTPUTF8: anything non-ASCII but the C1 controls.</summary>
    public static bool IsRawUtf8(char c) => c > 0x9F;

    private static bool FitsHere(HeaderFolder folder, string whitespace, string token) =>
        folder.Column + HeaderFolder.Octets(whitespace) + HeaderFolder.Octets(token) <= HeaderFolder.PreferredLineLength;

    private static bool IsAtom(string word, bool allowUtf8) =>
        word.Length <= MaxPlainWord && !LooksEncoded(word) && word.All(c => IsAText(c, allowUtf8));

    private static bool IsDotAtom(string local, bool allowUtf8)
    {
        if (local.Length == 0 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        return local.All(c => c == '.' || IsAText(c, allowUtf8));
    }

    private static bool CanQuote(string text, bool allowUtf8) =>
        !LooksEncoded(text) && text.All(c => c is >= ' ' and < '\x7f' || (allowUtf8 && IsRawUtf8(c)));

    // A plain word containing "=?" could be taken for an encoded-word by a decoder, which would change the text.
    private static bool LooksEncoded(string word) => word.Contains("=?", StringComparison.Ordinal);

    private static bool NeedsEncoding(string word, bool allowUtf8, bool customField)
    {
        foreach (var c in word)
        {
            if (c < ' ' || c == '\x7f' || (c > '\x7f' && !(allowUtf8 && IsRawUtf8(c))))
            {
                return true;
            }
        }

        // A custom field may be structured or already encoded by the caller; only text that cannot travel is touched.
        return !customField && (LooksEncoded(word) || HeaderFolder.Octets(word) > MaxPlainWord);
    }

    private static List<(string Whitespace, string Word)> Split(string value)
    {
        var pieces = new List<(string, string)>();
        var i = 0;
        while (i < value.Length)
        {
            var start = i;
            while (i < value.Length && value[i] is ' ' or '\t')
            {
                i++;
            }

            var wordStart = i;
            while (i < value.Length && value[i] is not (' ' or '\t'))
            {
                i++;
            }

            pieces.Add((value[start..wordStart], value[wordStart..i]));
        }

        return pieces;
    }
}
