namespace ServerlessMail.Imap.Protocol;

/// <summary>
/// An RFC 3501 §9 sequence-set ("1,3:5,7:*", "*"). '*' stands for the largest number in use, which is known only when
/// the set is applied, so the parsed form keeps it symbolic; a range is unordered ("5:2" is "2:5", §9 seq-range).
/// "$" (RFC 5182 §2.1) is symbolic too: the messages the last SEARCH RETURN (SAVE) kept, which only the selected
/// mailbox knows (<see cref="SelectedMailbox.Bind"/>).
/// </summary>
internal sealed class SequenceSet
{
    /// <summary>Bounds runaway input: a client never needs more ranges than this in one command.</summary>
    public const int MaxRanges = 4096;

    // 0 stands for '*' inside a stored range: RFC 3501 §9 nz-number makes 0 itself invalid, so it is free.
    private const uint Star = 0;

    private readonly (uint First, uint Last)[] _ranges;

    private SequenceSet((uint First, uint Last)[] ranges, bool isSearchResult = false)
    {
        _ranges = ranges;
        IsSearchResult = isSearchResult;
    }

    /// <summary>RFC 5182 seq-last-command "$": it has no ranges of its own until the mailbox binds it.</summary>
    public static SequenceSet SearchResult { get; } = new([], isSearchResult: true);

    public bool IsSearchResult { get; }

    /// <summary>The set of exactly these numbers (ascending, none 0); empty when there are none, which matches nothing.</summary>
    public static SequenceSet Of(IReadOnlyList<uint> ascending)
    {
        var ranges = new List<(uint, uint)>();
        for (var i = 0; i < ascending.Count; i++)
        {
            var first = ascending[i];
            while (i + 1 < ascending.Count && ascending[i + 1] == ascending[i] + 1)
            {
                i++;
            }

            ranges.Add((first, ascending[i]));
        }

        return new SequenceSet([.. ranges]);
    }

    /// <summary>
    /// False on a syntax error, a 0, a number above 2^32-1, or more than <see cref="MaxRanges"/> ranges. "$" stands
    /// alone (RFC 5182 §3: it is a whole sequence-set, never one range of a list).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out SequenceSet? set)
    {
        set = null;
        if (text.IsEmpty)
        {
            return false;
        }

        if (text.SequenceEqual("$"u8))
        {
            set = SearchResult;
            return true;
        }

        var ranges = new List<(uint, uint)>();
        while (true)
        {
            if (ranges.Count == MaxRanges || !TryReadNumber(ref text, out var first))
            {
                return false;
            }

            var last = first;
            if (!text.IsEmpty && text[0] == (byte)':')
            {
                text = text[1..];
                if (!TryReadNumber(ref text, out last))
                {
                    return false;
                }
            }

            ranges.Add((first, last));
            if (text.IsEmpty)
            {
                set = new SequenceSet([.. ranges]);
                return true;
            }

            if (text[0] != (byte)',')
            {
                return false;
            }

            text = text[1..];
        }
    }

    public bool Contains(uint value, uint largest)
    {
        foreach (var range in _ranges)
        {
            var (low, high) = Resolve(range, largest);
            if (value >= low && value <= high)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The ranges with '*' replaced by <paramref name="largest"/>, ascending, merged, and clipped to [1, largest].</summary>
    public IEnumerable<(uint First, uint Last)> Ranges(uint largest)
    {
        if (largest == 0)
        {
            return [];
        }

        var resolved = new List<(uint First, uint Last)>(_ranges.Length);
        foreach (var range in _ranges)
        {
            var (low, high) = Resolve(range, largest);
            if (low <= largest)
            {
                resolved.Add((low, Math.Min(high, largest)));
            }
        }

        resolved.Sort();
        var merged = new List<(uint First, uint Last)>(resolved.Count);
        foreach (var range in resolved)
        {
            if (merged.Count > 0 && (ulong)range.First <= (ulong)merged[^1].Last + 1)
            {
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, range.Last));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    // '*' in an empty mailbox is 0 (RFC 3501 §6.4.8 lets "UID FETCH 1:*" match nothing then), so nothing is in range.
    private static (uint Low, uint High) Resolve((uint First, uint Last) range, uint largest)
    {
        var first = range.First == Star ? largest : range.First;
        var last = range.Last == Star ? largest : range.Last;
        return first <= last ? (Math.Max(first, 1), last) : (Math.Max(last, 1), first);
    }

    private static bool TryReadNumber(ref ReadOnlySpan<byte> text, out uint value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        if (text[0] == (byte)'*')
        {
            text = text[1..];
            value = Star;
            return true;
        }

        // RFC 3501 §9 nz-number: no leading zero, at least 1, and it must fit a 32-bit number.
        if (text[0] is < (byte)'1' or > (byte)'9')
        {
            return false;
        }

        ulong number = 0;
        var length = 0;
        while (length < text.Length && text[length] is >= (byte)'0' and <= (byte)'9')
        {
            number = (number * 10) + (uint)(text[length] - '0');
            if (number > uint.MaxValue)
            {
                return false;
            }

            length++;
        }

        text = text[length..];
        value = (uint)number;
        return true;
    }
}
