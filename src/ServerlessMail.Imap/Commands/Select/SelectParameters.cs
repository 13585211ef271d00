namespace ServerlessMail.Imap;

/// <summary>RFC 7162 §3.2.5 QRESYNC (uidvalidity modseq [known-uids]): what the client last knew of the mailbox.</summary>
internal sealed record QResyncParameters(uint UidValidity, ulong ModSeq, SequenceSet? KnownUids);

/// <summary>
/// The optional select parameters: "(CONDSTORE)" (RFC 7162 §3.1.8) or "(QRESYNC (…))" (§3.2.5). The seq-match-data
/// a client may add after the known UIDs only helps a server without expunge records; ours keeps them, so it is read
/// and not used.
/// </summary>
internal static class SelectParameters
{
    /// <summary>Null on success; otherwise the reason for BAD.</summary>
    public static string? TryParse(ArgumentReader arguments, out bool condStore, out QResyncParameters? qresync)
    {
        condStore = false;
        qresync = null;
        if (!arguments.TryOpen())
        {
            return null;
        }

        while (!arguments.TryClose())
        {
            if (arguments.TryWord("CONDSTORE"))
            {
                condStore = true;
            }
            else if (arguments.TryWord("QRESYNC"))
            {
                if (qresync is not null || ParseQResync(arguments) is not { } parsed)
                {
                    return "QRESYNC takes (uidvalidity modseq [known-uids [(sequences uids)]])";
                }

                qresync = parsed;
            }
            else
            {
                return "Unknown SELECT parameter";
            }
        }

        return null;
    }

    private static QResyncParameters? ParseQResync(ArgumentReader arguments)
    {
        if (!arguments.TryOpen() || !arguments.TryNumber(out var uidValidity) || uidValidity == 0 || !arguments.TryULong(out var modSeq) || modSeq == 0)
        {
            return null;
        }

        // "$" is refused here: SELECT resets the saved search result (RFC 5182 §2.1), so it could only name nothing.
        SequenceSet? known = null;
        if (arguments.TrySequenceSet(out var uids))
        {
            known = uids;
            if (uids.IsSearchResult || (arguments.TryOpen() && (!TryConcreteSet(arguments) || !TryConcreteSet(arguments) || !arguments.TryClose())))
            {
                return null;
            }
        }

        return arguments.TryClose() ? new QResyncParameters(uidValidity, modSeq, known) : null;
    }

    private static bool TryConcreteSet(ArgumentReader arguments) => arguments.TrySequenceSet(out var set) && !set.IsSearchResult;
}
