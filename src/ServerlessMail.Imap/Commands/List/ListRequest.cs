namespace ServerlessMail.Imap;

/// <summary>RFC 5258 §3 selection options, with RFC 6154 §5.1 SPECIAL-USE: which mailboxes LIST returns.</summary>
[Flags]
internal enum ListSelection
{
    None = 0,

    /// <summary>Only subscribed mailboxes; implies the SUBSCRIBED return option.</summary>
    Subscribed = 1,

    /// <summary>RFC 2193 referrals as well: this server has no remote mailboxes, so it is accepted and changes nothing.</summary>
    Remote = 2,

    /// <summary>Also the matching parents of mailboxes that meet the selection, with CHILDINFO; needs SUBSCRIBED.</summary>
    RecursiveMatch = 4,

    /// <summary>Only mailboxes with a special-use attribute.</summary>
    SpecialUse = 8,
}

/// <summary>
/// A parsed LIST (<see cref="ListParser"/>): plain RFC 3501 LIST is the case with no options and one pattern. Of the
/// return options only SUBSCRIBED and STATUS change the answer: \HasChildren/\HasNoChildren and the special-use
/// attributes are always sent, which RFC 5258 §4 and RFC 6154 §2 allow, so CHILDREN and SPECIAL-USE need no field.
/// </summary>
internal sealed record ListRequest(ListSelection Selection, string Reference, IReadOnlyList<string> Patterns, bool ReturnSubscribed, IReadOnlyList<string> StatusItems)
{
    /// <summary>RFC 5258 §3: the SUBSCRIBED selection option implies the SUBSCRIBED return option.</summary>
    public bool ShowsSubscribed => ReturnSubscribed || Selection.HasFlag(ListSelection.Subscribed);

    public bool Has(ListSelection option) => (Selection & option) != 0;
}
