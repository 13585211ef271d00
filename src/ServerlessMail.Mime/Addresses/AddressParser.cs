using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// Parses RFC 5322 §3.4 address lists (From, To, Cc, Reply-To, ...), tolerating the obsolete syntax of §4.4 and the
/// common breakage of real mail. Each comma- (or semicolon-) separated piece is parsed on its own; a piece that is
/// not a mailbox is kept as an <see cref="InvalidAddress"/> holding its raw text, and is never reinterpreted as some
/// other, valid-looking address. Encoded-words are decoded only in display names and comments, never in an addr-spec.
/// </summary>
public static partial class AddressParser
{
    private const int MaxPresizedAddresses = 64;

    public static IReadOnlyList<InternetAddress> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseList(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Parses a header value (the octets after the colon; folds and raw UTF-8 allowed). Never throws.</summary>
    public static IReadOnlyList<InternetAddress> ParseList(ReadOnlySpan<byte> raw)
    {
        // Nearly every field is a few mailboxes separated by commas, so the count of commas sizes the list once.
        // The tokens of the piece being read live on the stack; a piece needs more than 32 only in odd mail.
        var result = new List<InternetAddress>(Math.Min(raw.Count((byte)',') + 1, MaxPresizedAddresses));
        var element = new ValueBuffer<AddressToken>(stackalloc AddressToken[32]);
        try
        {
            ReadPieces(raw, result, ref element);
        }
        finally
        {
            element.Dispose();
        }

        return result;
    }

    private static void ReadPieces(ReadOnlySpan<byte> raw, List<InternetAddress> result, ref ValueBuffer<AddressToken> element)
    {
        List<InternetAddress>? members = null;
        string? groupName = null;
        var inAngle = false;

        // Whether the piece so far could be a group's display name: words, obsolete dots and comments (RFC 5322
        // §3.4, §4.4). Kept up to date per token so that many colons cannot make the scan quadratic.
        var phraseWords = 0;
        var onlyPhrase = true;
        var tokenizer = new AddressTokenizer(raw);
        while (tokenizer.Next(out var token))
        {
            // Inside <...> commas and colons belong to an obsolete route (RFC 5322 §4.4), so nothing splits there.
            // An unclosed '<' therefore runs to the end and the whole rest is kept as one invalid piece.
            if (inAngle)
            {
                element.Append(token);
                inAngle = token.Kind != AddressTokenKind.RightAngle;
                continue;
            }

            switch (token.Kind)
            {
                case AddressTokenKind.Comma:
                    Flush(raw, ref element, members ?? result);
                    (phraseWords, onlyPhrase) = (0, true);
                    break;
                case AddressTokenKind.Semicolon:
                    // Ends a group (RFC 5322 §3.4); outside one it is the separator Outlook users type.
                    Flush(raw, ref element, members ?? result);
                    (phraseWords, onlyPhrase) = (0, true);
                    if (members is not null)
                    {
                        result.Add(new GroupAddress(groupName, members));
                        members = null;
                    }

                    break;
                case AddressTokenKind.Colon when members is null && onlyPhrase && phraseWords > 0:
                    groupName = AddressText.Phrase(raw, element.Written);
                    members = [];
                    element.Clear();
                    phraseWords = 0;
                    break;
                default:
                    // A colon that does not start a group stays in the piece and makes it invalid.
                    inAngle = token.Kind == AddressTokenKind.LeftAngle;
                    element.Append(token);
                    switch (token.Kind)
                    {
                        case AddressTokenKind.Atom or AddressTokenKind.QuotedString:
                            phraseWords++;
                            break;
                        case not (AddressTokenKind.Dot or AddressTokenKind.Comment):
                            onlyPhrase = false;
                            break;
                    }

                    break;
            }
        }

        Flush(raw, ref element, members ?? result);
        if (members is not null)
        {
            // A group missing its ';' at the end of the field.
            result.Add(new GroupAddress(groupName, members));
        }
    }

    /// <summary>Parses one piece; empty pieces (<c>a@b,,c@d</c>, a trailing comma, only comments) are dropped.</summary>
    private static void Flush(ReadOnlySpan<byte> raw, ref ValueBuffer<AddressToken> element, List<InternetAddress> target)
    {
        var tokens = element.Written;
        foreach (var token in tokens)
        {
            if (token.Kind != AddressTokenKind.Comment)
            {
                target.Add((InternetAddress?)ParseMailbox(raw, tokens, out _) ?? new InvalidAddress(AddressText.Raw(raw, tokens)));
                break;
            }
        }

        element.Clear();
    }
}
