using System.Text;

namespace ServerlessMail.Mime;

/// <summary>Month, weekday and time-zone names for <see cref="MailDate"/>. All lookups ignore ASCII case.</summary>
internal static class DateNames
{
    private static readonly string[] Months =
    [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ];

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    // RFC 5322 §4.3 defines UT, GMT and the North American zones. The rest are the abbreviations most often
    // seen in the wild, in minutes east of UTC. Ambiguous ones take the reading that is most common in mail:
    // IST is India (not Irish or Israel), BST is British Summer Time, AST is Atlantic, CST stays RFC Central.
    private static readonly (string Name, int Minutes)[] Zones =
    [
        ("ut", 0), ("utc", 0), ("gmt", 0), ("z", 0),
        ("est", -300), ("edt", -240), ("cst", -360), ("cdt", -300),
        ("mst", -420), ("mdt", -360), ("pst", -480), ("pdt", -420),
        ("wet", 0), ("west", 60), ("bst", 60), ("cet", 60), ("cest", 120), ("met", 60), ("mest", 120),
        ("mez", 60), ("mesz", 120), ("eet", 120), ("eest", 180), ("msk", 180), ("ist", 330),
        ("hkt", 480), ("sgt", 480), ("awst", 480), ("jst", 540), ("kst", 540),
        ("acst", 570), ("acdt", 630), ("aest", 600), ("aedt", 660), ("nzst", 720), ("nzdt", 780),
        ("akst", -540), ("akdt", -480), ("hst", -600), ("ast", -240), ("adt", -180), ("nst", -210), ("ndt", -150),
    ];

    /// <summary>1–12 for a month name or an abbreviation of at least three letters (<c>Nov</c>, <c>Sept</c>, <c>JUNE</c>).</summary>
    public static int Month(ReadOnlySpan<byte> word)
    {
        // No two month names share their first three letters, so those pick the one candidate to compare.
        var index = Prefix(word) switch
        {
            ('j' << 16) | ('a' << 8) | 'n' => 0,
            ('f' << 16) | ('e' << 8) | 'b' => 1,
            ('m' << 16) | ('a' << 8) | 'r' => 2,
            ('a' << 16) | ('p' << 8) | 'r' => 3,
            ('m' << 16) | ('a' << 8) | 'y' => 4,
            ('j' << 16) | ('u' << 8) | 'n' => 5,
            ('j' << 16) | ('u' << 8) | 'l' => 6,
            ('a' << 16) | ('u' << 8) | 'g' => 7,
            ('s' << 16) | ('e' << 8) | 'p' => 8,
            ('o' << 16) | ('c' << 8) | 't' => 9,
            ('n' << 16) | ('o' << 8) | 'v' => 10,
            ('d' << 16) | ('e' << 8) | 'c' => 11,
            _ => -1,
        };

        return index >= 0 && IsAbbreviation(word, Months[index]) ? index + 1 : 0;
    }

    public static bool IsWeekday(ReadOnlySpan<byte> word)
    {
        var index = Prefix(word) switch
        {
            ('m' << 16) | ('o' << 8) | 'n' => 0,
            ('t' << 16) | ('u' << 8) | 'e' => 1,
            ('w' << 16) | ('e' << 8) | 'd' => 2,
            ('t' << 16) | ('h' << 8) | 'u' => 3,
            ('f' << 16) | ('r' << 8) | 'i' => 4,
            ('s' << 16) | ('a' << 8) | 't' => 5,
            ('s' << 16) | ('u' << 8) | 'n' => 6,
            _ => -1,
        };

        return index >= 0 && IsAbbreviation(word, Weekdays[index]);
    }

    /// <summary>The offset in minutes of a named zone from the table above.</summary>
    public static bool TryZone(ReadOnlySpan<byte> word, out int minutes)
    {
        foreach (var (name, offset) in Zones)
        {
            if (Ascii.EqualsIgnoreCase(word, name))
            {
                minutes = offset;
                return true;
            }
        }

        minutes = 0;
        return false;
    }

    /// <summary>The first three octets ASCII-lowercased and packed, or -1 when the word is shorter than any abbreviation.</summary>
    private static int Prefix(ReadOnlySpan<byte> word) =>
        word.Length < 3 ? -1 : ((word[0] | 0x20) << 16) | ((word[1] | 0x20) << 8) | (word[2] | 0x20);

    private static bool IsAbbreviation(ReadOnlySpan<byte> word, string name) =>
        word.Length >= 3 && word.Length <= name.Length && Ascii.EqualsIgnoreCase(word, name.AsSpan(0, word.Length));
}
