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
        for (var i = 0; i < Months.Length; i++)
        {
            if (IsAbbreviation(word, Months[i]))
            {
                return i + 1;
            }
        }

        return 0;
    }

    public static bool IsWeekday(ReadOnlySpan<byte> word)
    {
        foreach (var day in Weekdays)
        {
            if (IsAbbreviation(word, day))
            {
                return true;
            }
        }

        return false;
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

    private static bool IsAbbreviation(ReadOnlySpan<byte> word, string name) =>
        word.Length >= 3 && word.Length <= name.Length && Ascii.EqualsIgnoreCase(word, name.AsSpan(0, word.Length));
}
