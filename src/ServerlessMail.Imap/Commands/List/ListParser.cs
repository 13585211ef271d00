namespace ServerlessMail.Imap;

/// <summary>
/// LIST's arguments, plain (RFC 3501 §6.3.8) or extended (RFC 5258 §3, RFC 5819 §2, RFC 6154 §5.1):
/// <c>[(selection options)] reference (pattern | (pattern …)) [RETURN (return options)]</c>. An option this server
/// does not know is BAD, as is RECURSIVEMATCH without SUBSCRIBED: RFC 5258 defines CHILDINFO only for SUBSCRIBED, and
/// RECURSIVEMATCH alone or with REMOTE is BAD there too.
/// </summary>
internal static class ListParser
{
    public const string Usage = "LIST takes a reference and a mailbox pattern";

    /// <summary>Null on success; otherwise the reason for BAD.</summary>
    public static string? TryParse(ArgumentReader arguments, bool imap4Rev2, out ListRequest? request)
    {
        request = null;
        var selection = ListSelection.None;
        if (arguments.TryOpen())
        {
            while (!arguments.TryClose())
            {
                if (!arguments.TryAtom(out var option) || SelectionOption(option) is not { } known)
                {
                    return "Unknown LIST selection option";
                }

                selection |= known;
            }

            if (selection.HasFlag(ListSelection.RecursiveMatch) && !selection.HasFlag(ListSelection.Subscribed))
            {
                return "RECURSIVEMATCH needs SUBSCRIBED";
            }
        }

        if (!arguments.TryMailbox(out var reference) || ReadPatterns(arguments) is not { } patterns)
        {
            return arguments.MailboxError ?? Usage;
        }

        var returnSubscribed = false;
        List<string> status = [];
        if (arguments.TryWord("RETURN"))
        {
            if (!arguments.TryOpen())
            {
                return "RETURN takes a list";
            }

            while (!arguments.TryClose())
            {
                if (arguments.TryWord("STATUS"))
                {
                    if (status.Count > 0 || !StatusItems.TryRead(arguments, imap4Rev2, out status))
                    {
                        return "RETURN STATUS takes a list of " + StatusItems.NamesFor(imap4Rev2);
                    }
                }
                else if (arguments.TryWord("SUBSCRIBED"))
                {
                    returnSubscribed = true;
                }
                else if (!arguments.TryWord("CHILDREN") && !arguments.TryWord("SPECIAL-USE"))
                {
                    return "Unknown LIST return option";
                }
            }
        }

        if (!arguments.End)
        {
            return Usage;
        }

        request = new ListRequest(selection, reference, patterns, returnSubscribed, status);
        return null;
    }

    private static ListSelection? SelectionOption(string option) => option.ToUpperInvariant() switch
    {
        "SUBSCRIBED" => ListSelection.Subscribed,
        "REMOTE" => ListSelection.Remote,
        "RECURSIVEMATCH" => ListSelection.RecursiveMatch,
        "SPECIAL-USE" => ListSelection.SpecialUse,
        _ => null,
    };

    // One pattern, or a parenthesized list of at least one (RFC 5258 §3 mbox-or-pat).
    private static List<string>? ReadPatterns(ArgumentReader arguments)
    {
        if (!arguments.TryOpen())
        {
            return arguments.TryMailbox(out var single) ? [single] : null;
        }

        var patterns = new List<string>();
        while (!arguments.TryClose())
        {
            if (!arguments.TryMailbox(out var pattern))
            {
                return null;
            }

            patterns.Add(pattern);
        }

        return patterns.Count > 0 ? patterns : null;
    }
}
