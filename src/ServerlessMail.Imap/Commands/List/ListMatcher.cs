using ServerlessMail.Core;

namespace ServerlessMail.Imap;

/// <summary>
/// One LIST response: the name, its folder (null when it cannot be selected: an account view's inbox container or a
/// \NonExistent parent), its attributes, and whether <c>("CHILDINFO" ("SUBSCRIBED"))</c> follows.
/// </summary>
internal sealed record ListEntry(string Name, Folder? Folder, IReadOnlyList<string> Attributes, bool ChildInfo);

/// <summary>
/// Which mailboxes a LIST returns, and with what (RFC 5258 §3, the table in RFC 9051 §6.3.9): each name that matches
/// a pattern and meets the selection (any mailbox; or subscribed, special-use, or both), and with RECURSIVEMATCH also
/// each matching name with a descendant that meets the selection but matches no pattern, which gets CHILDINFO.
/// Subscription is a folder's flag here, so a subscribed name always exists and \NonExistent comes only from
/// RECURSIVEMATCH, for a parent the store has no folder for ("Projects" above "Projects/2026"). Each name is
/// returned once however many patterns it matches, in the view's order with a missing parent before its first child.
/// Children come from one set of every name's parents rather than a scan of all names per name.
/// </summary>
internal static class ListMatcher
{
    public static List<ListEntry> Match(IReadOnlyList<(string Name, Folder? Folder)> mailboxes, ListRequest request)
    {
        var patterns = request.Patterns.Where(p => p.Length > 0).Select(p => ListPattern.Combine(request.Reference, p)).ToList();
        var recursive = request.Has(ListSelection.RecursiveMatch);
        var existing = mailboxes.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var parents = new HashSet<string>(StringComparer.Ordinal);
        var childInfo = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<(string Name, Folder? Folder, bool Exists)>();
        foreach (var (name, folder) in mailboxes)
        {
            var unmatchedMeeting = recursive && Meets(folder, request) && !Matches(patterns, name);
            foreach (var parent in ParentsOf(name))
            {
                if (parents.Add(parent) && recursive && !existing.Contains(parent))
                {
                    candidates.Add((parent, null, false));
                }

                if (unmatchedMeeting)
                {
                    childInfo.Add(parent);
                }
            }

            candidates.Add((name, folder, true));
        }

        var entries = new List<ListEntry>();
        foreach (var (name, folder, exists) in candidates)
        {
            if (!Matches(patterns, name) || !((exists && Meets(folder, request)) || childInfo.Contains(name)))
            {
                continue;
            }

            var attributes = new List<string>();
            if (!exists)
            {
                attributes.Add(@"\NonExistent");
            }
            else if (folder is null)
            {
                attributes.Add(@"\Noselect");
            }

            attributes.Add(parents.Contains(name) ? @"\HasChildren" : @"\HasNoChildren");
            if (folder is not null && SpecialUseAttribute(folder.SpecialUse) is { } use)
            {
                attributes.Add(use);
            }

            if (request.ShowsSubscribed && folder is { Subscribed: true })
            {
                attributes.Add(@"\Subscribed");
            }

            entries.Add(new ListEntry(name, folder, attributes, childInfo.Contains(name)));
        }

        return entries;
    }

    public static string? SpecialUseAttribute(SpecialUse use) => use switch
    {
        SpecialUse.Sent => @"\Sent",
        SpecialUse.Drafts => @"\Drafts",
        SpecialUse.Trash => @"\Trash",
        SpecialUse.Junk => @"\Junk",
        SpecialUse.Archive => @"\Archive",
        _ => null,
    };

    // With no base selection option every listed mailbox meets it, inbox containers included; SUBSCRIBED and
    // SPECIAL-USE are only met by folders.
    private static bool Meets(Folder? folder, ListRequest request) =>
        (!request.Has(ListSelection.Subscribed) || folder is { Subscribed: true })
        && (!request.Has(ListSelection.SpecialUse) || (folder is not null && SpecialUseAttribute(folder.SpecialUse) is not null));

    private static bool Matches(List<string> patterns, string name) => patterns.Exists(p => ListPattern.Matches(p, name));

    // "a/b/c" has the parents "a" and "a/b", outermost first: the names n with "a/b/c" starting with n + "/".
    private static IEnumerable<string> ParentsOf(string name)
    {
        for (var i = name.IndexOf(MailboxView.Separator, 1); i > 0; i = name.IndexOf(MailboxView.Separator, i + 1))
        {
            yield return name[..i];
        }
    }
}
