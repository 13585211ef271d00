using System.Globalization;

namespace ServerlessMail.Imap;

/// <summary>FETCH set (items | item | ALL | FAST | FULL) [(CHANGEDSINCE n [VANISHED])] — RFC 3501 §6.4.5, RFC 7162 §3.1.4 and §3.2.6.</summary>
internal static class FetchParser
{
    public const int MaxItems = 64;

    public static bool TryParse(IReadOnlyList<ImapToken> tokens, out FetchRequest? request)
    {
        request = null;
        var arguments = new ArgumentReader(tokens);
        if (!arguments.TrySequenceSet(out var set))
        {
            return false;
        }

        var items = new List<FetchItem>();
        if (arguments.TryOpen())
        {
            while (!arguments.TryClose())
            {
                if (!arguments.TryAtom(out var atom) || !TryItem(atom, items) || items.Count > MaxItems)
                {
                    return false;
                }
            }
        }
        else if (!arguments.TryAtom(out var single) || !TryMacro(single, items) && !TryItem(single, items))
        {
            return false;
        }

        ulong? changedSince = null;
        var vanished = false;
        if (arguments.TryOpen())
        {
            while (!arguments.TryClose())
            {
                if (arguments.TryWord("CHANGEDSINCE") && changedSince is null && arguments.TryULong(out var modSeq))
                {
                    changedSince = modSeq;
                }
                else if (arguments.TryWord("VANISHED") && !vanished)
                {
                    vanished = true;
                }
                else
                {
                    return false;
                }
            }
        }

        // RFC 7162 §3.2.6: VANISHED only with CHANGEDSINCE.
        if (!arguments.End || items.Count == 0 || (vanished && changedSince is null))
        {
            return false;
        }

        request = new FetchRequest(set, items, changedSince, vanished);
        return true;
    }

    private static bool TryMacro(string atom, List<FetchItem> items)
    {
        FetchAttribute[]? macro = atom.ToUpperInvariant() switch
        {
            "ALL" => [FetchAttribute.Flags, FetchAttribute.InternalDate, FetchAttribute.Size, FetchAttribute.Envelope],
            "FAST" => [FetchAttribute.Flags, FetchAttribute.InternalDate, FetchAttribute.Size],
            "FULL" => [FetchAttribute.Flags, FetchAttribute.InternalDate, FetchAttribute.Size, FetchAttribute.Envelope, FetchAttribute.Body],
            _ => null,
        };
        if (macro is null)
        {
            return false;
        }

        items.AddRange(macro.Select(a => new FetchItem(a)));
        return true;
    }

    private static bool TryItem(string atom, List<FetchItem> items)
    {
        var upper = atom.ToUpperInvariant();
        FetchItem? item = upper switch
        {
            "UID" => new FetchItem(FetchAttribute.Uid),
            "FLAGS" => new FetchItem(FetchAttribute.Flags),
            "INTERNALDATE" => new FetchItem(FetchAttribute.InternalDate),
            "RFC822.SIZE" => new FetchItem(FetchAttribute.Size),
            "ENVELOPE" => new FetchItem(FetchAttribute.Envelope),
            "BODY" => new FetchItem(FetchAttribute.Body),
            "BODYSTRUCTURE" => new FetchItem(FetchAttribute.BodyStructure),
            "MODSEQ" => new FetchItem(FetchAttribute.ModSeq),
            "RFC822" => new FetchItem(FetchAttribute.Section, SectionSpec.Whole, Label: "RFC822"),
            "RFC822.HEADER" => new FetchItem(FetchAttribute.Section, new SectionSpec([], SectionKind.Header, []), Peek: true, Label: "RFC822.HEADER"),
            "RFC822.TEXT" => new FetchItem(FetchAttribute.Section, new SectionSpec([], SectionKind.Text, []), Label: "RFC822.TEXT"),
            _ => TrySection(atom),
        };
        if (item is null)
        {
            return false;
        }

        items.Add(item);
        return true;
    }

    /// <summary>BODY[section]&lt;start.length&gt; or BODY.PEEK[…].</summary>
    private static FetchItem? TrySection(string atom)
    {
        var peek = atom.StartsWith("BODY.PEEK[", StringComparison.OrdinalIgnoreCase);
        if (!peek && !atom.StartsWith("BODY[", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var open = atom.IndexOf('[', StringComparison.Ordinal);
        var close = atom.LastIndexOf(']');
        if (close < open || SectionParser.TryParse(atom[(open + 1)..close]) is not { } spec)
        {
            return null;
        }

        long? start = null, length = null;
        var rest = atom[(close + 1)..];
        if (rest.Length > 0)
        {
            if (rest[0] != '<' || rest[^1] != '>')
            {
                return null;
            }

            var parts = rest[1..^1].Split('.');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var l) || l == 0)
            {
                return null;
            }

            (start, length) = (s, l);
        }

        var label = "BODY[" + spec.ToImapString() + "]" + (start is { } at ? "<" + at.ToString(CultureInfo.InvariantCulture) + ">" : string.Empty);
        return new FetchItem(FetchAttribute.Section, spec, peek, start, length, label);
    }
}
