using System.Globalization;
using System.Text;

namespace ServerlessMail.Imap;

/// <summary>The untagged SEARCH (RFC 3501 §7.2.5) and ESEARCH (RFC 4731 §3.1) responses, with MODSEQ (RFC 7162 §3.1.5).</summary>
internal static class SearchResponse
{
    /// <summary>"SEARCH 2 5 [(MODSEQ m)]"; just "SEARCH" when nothing matched.</summary>
    public static string Search(List<uint> numbers, ulong? highestModSeq)
    {
        var text = new StringBuilder("SEARCH");
        foreach (var number in numbers)
        {
            text.Append(' ').Append(number.ToString(CultureInfo.InvariantCulture));
        }

        if (highestModSeq is { } modSeq)
        {
            text.Append(CultureInfo.InvariantCulture, $" (MODSEQ {modSeq})");
        }

        return text.ToString();
    }

    /// <summary>"ESEARCH (TAG "t") [UID] [MIN n] [MAX n] [COUNT n] [ALL set] [MODSEQ m]"; MIN, MAX and ALL are left out when nothing matched.</summary>
    public static string Esearch(string tag, bool uid, SearchReturn returns, List<uint> numbers, ulong? highestModSeq)
    {
        var text = new StringBuilder("ESEARCH (TAG \"").Append(tag).Append("\")");
        if (uid)
        {
            text.Append(" UID");
        }

        if (numbers.Count > 0 && returns.HasFlag(SearchReturn.Min))
        {
            text.Append(CultureInfo.InvariantCulture, $" MIN {numbers[0]}");
        }

        if (numbers.Count > 0 && returns.HasFlag(SearchReturn.Max))
        {
            text.Append(CultureInfo.InvariantCulture, $" MAX {numbers[^1]}");
        }

        if (returns.HasFlag(SearchReturn.Count))
        {
            text.Append(CultureInfo.InvariantCulture, $" COUNT {numbers.Count}");
        }

        if (numbers.Count > 0 && returns.HasFlag(SearchReturn.All))
        {
            text.Append(" ALL ").Append(Compact(numbers));
        }

        if (highestModSeq is { } modSeq)
        {
            text.Append(CultureInfo.InvariantCulture, $" MODSEQ {modSeq}");
        }

        return text.ToString();
    }

    /// <summary>Ascending numbers as a sequence set: 1,2,3,5 → "1:3,5".</summary>
    public static string Compact(List<uint> numbers)
    {
        var text = new StringBuilder();
        var start = numbers[0];
        var previous = start;
        for (var i = 1; i <= numbers.Count; i++)
        {
            if (i < numbers.Count && numbers[i] == previous + 1)
            {
                previous = numbers[i];
                continue;
            }

            text.Append(text.Length == 0 ? string.Empty : ",").Append(start.ToString(CultureInfo.InvariantCulture));
            if (previous != start)
            {
                text.Append(':').Append(previous.ToString(CultureInfo.InvariantCulture));
            }

            if (i < numbers.Count)
            {
                start = previous = numbers[i];
            }
        }

        return text.ToString();
    }

    public static bool UsesModSeq(SearchKey key) => key switch
    {
        ModSeqKey => true,
        AndKey and => and.Keys.Any(UsesModSeq),
        OrKey or => UsesModSeq(or.Left) || UsesModSeq(or.Right),
        NotKey not => UsesModSeq(not.Key),
        _ => false,
    };
}
