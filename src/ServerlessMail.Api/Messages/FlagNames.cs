using ServerlessMail.Api.Http;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Messages;

/// <summary>
/// The JSON names of IMAP's system flags (RFC 3501 §2.3.2) and keywords. A name that is not a system flag is a
/// keyword and must be an IMAP atom, as IMAP would store it.
/// </summary>
internal static class FlagNames
{
    private static readonly (string Name, MessageFlags Flag)[] System =
    [
        ("seen", MessageFlags.Seen), ("answered", MessageFlags.Answered), ("flagged", MessageFlags.Flagged),
        ("deleted", MessageFlags.Deleted), ("draft", MessageFlags.Draft),
    ];

    public static IReadOnlyList<string> Of(MessageFlags flags, IReadOnlyList<string> keywords) =>
        System.Where(s => (flags & s.Flag) != 0).Select(s => s.Name).Concat(keywords).ToList();

    public static (MessageFlags Flags, List<string> Keywords) Parse(IReadOnlyList<string>? names)
    {
        var flags = MessageFlags.None;
        var keywords = new List<string>();
        foreach (var name in names ?? [])
        {
            var index = Array.FindIndex(System, s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals("\\" + s.Name, name, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                flags |= System[index].Flag;
            }
            else if (IsAtom(name))
            {
                keywords.Add(name);
            }
            else
            {
                throw ApiProblem.BadRequest($"'{name}' is not a flag or a keyword (an IMAP atom of at most {ModelLimits.Keyword} characters).");
            }
        }

        return (flags, keywords);
    }

    // RFC 3501 §9: atom-char is any CHAR except atom-specials ( ) { SP CTL % * " \ ].
    private static bool IsAtom(string name) =>
        name.Length is > 0 and <= ModelLimits.Keyword && !name.StartsWith('\\') &&
        name.All(c => c is > ' ' and < (char)127 && "(){%*\"\\]".IndexOf(c, StringComparison.Ordinal) < 0);
}
