using ServerlessMail.Core;

namespace ServerlessMail.Imap;

internal sealed record StoreRequest(SequenceSet Set, ulong? UnchangedSince, FlagChange Change, bool Silent);

/// <summary>STORE set [(UNCHANGEDSINCE n)] (+|-)FLAGS[.SILENT] (flags) — RFC 3501 §6.4.6, RFC 7162 §3.1.3.</summary>
internal static class StoreParser
{
    public static bool TryParse(IReadOnlyList<ImapToken> tokens, out StoreRequest? request)
    {
        request = null;
        var arguments = new ArgumentReader(tokens);
        if (!arguments.TrySequenceSet(out var set))
        {
            return false;
        }

        ulong? unchangedSince = null;
        if (arguments.TryOpen())
        {
            if (!arguments.TryWord("UNCHANGEDSINCE") || !arguments.TryULong(out var modSeq) || !arguments.TryClose())
            {
                return false;
            }

            unchangedSince = modSeq;
        }

        if (!arguments.TryAtom(out var item) || !arguments.TryAtomList(out var names, allowSingle: true) || !arguments.End)
        {
            return false;
        }

        // Several flags without parentheses are allowed too (RFC 3501 §9 store-att-flags).
        item = item.ToUpperInvariant();
        var silent = item.EndsWith(".SILENT", StringComparison.Ordinal);
        var mode = silent ? item[..^7] : item;
        if (mode is not ("FLAGS" or "+FLAGS" or "-FLAGS") || !FlagNames.TryParse(names, out var flags, out var keywords))
        {
            return false;
        }

        var change = mode switch
        {
            "FLAGS" => new FlagChange(flags, MessageFlags.None, keywords, [], Replace: true),
            "+FLAGS" => new FlagChange(flags, MessageFlags.None, keywords, []),
            _ => new FlagChange(MessageFlags.None, flags, [], keywords),
        };
        request = new StoreRequest(set, unchangedSince, change, silent);
        return true;
    }
}
