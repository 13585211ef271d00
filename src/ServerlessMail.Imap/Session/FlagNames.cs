using System.Text;
using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>The RFC 3501 §2.3.2 flag names, both ways.</summary>
internal static class FlagNames
{
    public const string System = @"\Answered \Flagged \Deleted \Seen \Draft";

    private static readonly (MessageFlags Flag, string Name)[] Names =
    [
        (MessageFlags.Seen, @"\Seen"), (MessageFlags.Answered, @"\Answered"), (MessageFlags.Flagged, @"\Flagged"),
        (MessageFlags.Deleted, @"\Deleted"), (MessageFlags.Draft, @"\Draft"),
    ];

    public static string Format(MessageFlags flags, IReadOnlyList<string> keywords, bool recent)
    {
        var builder = new StringBuilder("(");
        foreach (var (flag, name) in Names)
        {
            if ((flags & flag) != 0)
            {
                Append(builder, name);
            }
        }

        if (recent)
        {
            Append(builder, @"\Recent");
        }

        foreach (var keyword in keywords)
        {
            Append(builder, keyword);
        }

        return builder.Append(')').ToString();
    }

    /// <summary>Splits client flags into system flags and keywords; false for \Recent or an unknown backslash flag.</summary>
    public static bool TryParse(IEnumerable<string> names, out MessageFlags flags, out List<string> keywords)
    {
        flags = MessageFlags.None;
        keywords = [];
        foreach (var name in names)
        {
            var known = Array.FindIndex(Names, n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));
            if (known >= 0)
            {
                flags |= Names[known].Flag;
            }
            else if (name.StartsWith('\\'))
            {
                return false;
            }
            else if (name.Length is > 0 and <= 64 && !name.Contains('[', StringComparison.Ordinal) && !name.Contains(']', StringComparison.Ordinal))
            {
                keywords.Add(name);
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static void Append(StringBuilder builder, string name)
    {
        if (builder.Length > 1)
        {
            builder.Append(' ');
        }

        builder.Append(name);
    }
}
