using System.Globalization;

namespace ServerlessMail.Imap;

/// <summary>FETCH set (items | item | ALL | FAST | FULL) [(CHANGEDSINCE n [VANISHED])] — RFC 3501 §6.4.5, RFC 7162 §3.1.4 and §3.2.6, RFC 3516 §4.2.</summary>
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
            _ => TrySection(atom) ?? TryBinary(atom),
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

        if (!TrySplit(atom, out var inside, out var rest) || SectionParser.TryParse(inside) is not { } spec || !TryPartial(rest, out var start, out var length))
        {
            return null;
        }

        return new FetchItem(FetchAttribute.Section, spec, peek, start, length, "BODY[" + spec.ToImapString() + "]" + Origin(start));
    }

    /// <summary>
    /// RFC 3516 §4.2: BINARY[part]&lt;start.length&gt;, BINARY.PEEK[…] and BINARY.SIZE[part]. section-binary is part
    /// numbers only (§5), so HEADER, TEXT and MIME are refused; BINARY.SIZE takes no partial.
    /// </summary>
    private static FetchItem? TryBinary(string atom)
    {
        var size = atom.StartsWith("BINARY.SIZE[", StringComparison.OrdinalIgnoreCase);
        var peek = atom.StartsWith("BINARY.PEEK[", StringComparison.OrdinalIgnoreCase);
        if (!size && !peek && !atom.StartsWith("BINARY[", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!TrySplit(atom, out var inside, out var rest) || SectionParser.TryParse(inside) is not { Kind: SectionKind.Full } spec
            || !TryPartial(rest, out var start, out var length) || (size && start is not null))
        {
            return null;
        }

        var label = (size ? "BINARY.SIZE[" : "BINARY[") + spec.ToImapString() + "]" + Origin(start);
        return new FetchItem(size ? FetchAttribute.BinarySize : FetchAttribute.Binary, spec, peek, start, length, label);
    }

    /// <summary>What is between the brackets, and what follows the closing one.</summary>
    private static bool TrySplit(string atom, out string inside, out string rest)
    {
        var open = atom.IndexOf('[', StringComparison.Ordinal);
        var close = atom.LastIndexOf(']');
        if (open < 0 || close < open)
        {
            (inside, rest) = (string.Empty, string.Empty);
            return false;
        }

        (inside, rest) = (atom[(open + 1)..close], atom[(close + 1)..]);
        return true;
    }

    /// <summary>Nothing, or RFC 3501 §9 partial: "&lt;" number "." nz-number "&gt;".</summary>
    private static bool TryPartial(string rest, out long? start, out long? length)
    {
        (start, length) = (null, null);
        if (rest.Length == 0)
        {
            return true;
        }

        if (rest[0] != '<' || rest[^1] != '>')
        {
            return false;
        }

        var parts = rest[1..^1].Split('.');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var l) || l == 0)
        {
            return false;
        }

        (start, length) = (s, l);
        return true;
    }

    /// <summary>The response names a partial by its origin (RFC 3501 §7.4.2; RFC 3516 §4.3 for BINARY).</summary>
    private static string Origin(long? start) => start is { } at ? "<" + at.ToString(CultureInfo.InvariantCulture) + ">" : string.Empty;
}
