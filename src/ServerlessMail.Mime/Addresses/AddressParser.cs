using System.Runtime.InteropServices;
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
    public static IReadOnlyList<InternetAddress> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseList(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Parses a header value (the octets after the colon; folds and raw UTF-8 allowed). Never throws.</summary>
    public static IReadOnlyList<InternetAddress> ParseList(ReadOnlySpan<byte> raw)
    {
        var result = new List<InternetAddress>();
        var element = new List<AddressToken>(16);
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
                element.Add(token);
                inAngle = token.Kind != AddressTokenKind.RightAngle;
                continue;
            }

            switch (token.Kind)
            {
                case AddressTokenKind.Comma:
                    Flush(raw, element, members ?? result);
                    (phraseWords, onlyPhrase) = (0, true);
                    break;
                case AddressTokenKind.Semicolon:
                    // Ends a group (RFC 5322 §3.4); outside one it is the separator Outlook users type.
                    Flush(raw, element, members ?? result);
                    (phraseWords, onlyPhrase) = (0, true);
                    if (members is not null)
                    {
                        result.Add(new GroupAddress(groupName, members));
                        members = null;
                    }

                    break;
                case AddressTokenKind.Colon when members is null && onlyPhrase && phraseWords > 0:
                    groupName = AddressText.Phrase(raw, CollectionsMarshal.AsSpan(element));
                    members = [];
                    element.Clear();
                    phraseWords = 0;
                    break;
                default:
                    // A colon that does not start a group stays in the piece and makes it invalid.
                    inAngle = token.Kind == AddressTokenKind.LeftAngle;
                    element.Add(token);
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

        Flush(raw, element, members ?? result);
        if (members is not null)
        {
            // A group missing its ';' at the end of the field.
            result.Add(new GroupAddress(groupName, members));
        }

        return result;
    }

    /// <summary>Parses one piece; empty pieces (<c>a@b,,c@d</c>, a trailing comma, only comments) are dropped.</summary>
    private static void Flush(ReadOnlySpan<byte> raw, List<AddressToken> element, List<InternetAddress> target)
    {
        var tokens = CollectionsMarshal.AsSpan(element);
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
