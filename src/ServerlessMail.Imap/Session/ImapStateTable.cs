namespace ServerlessMail.Imap;

/// <summary>RFC 3501 §6: which command each state allows, in one place. A command not listed is unknown (BAD).</summary>
internal static class ImapStateTable
{
    private static readonly Dictionary<string, ImapStateKind> Allowed = new(StringComparer.Ordinal)
    {
        ["CAPABILITY"] = ImapStateKind.Any,
        ["NOOP"] = ImapStateKind.Any,
        ["LOGOUT"] = ImapStateKind.Any,
        ["ID"] = ImapStateKind.Any,
        ["STARTTLS"] = ImapStateKind.NotAuthenticated,
        ["LOGIN"] = ImapStateKind.NotAuthenticated,
        ["AUTHENTICATE"] = ImapStateKind.NotAuthenticated,
        ["ENABLE"] = ImapStateKind.LoggedIn,
        ["NAMESPACE"] = ImapStateKind.LoggedIn,
        ["LIST"] = ImapStateKind.LoggedIn,
        ["LSUB"] = ImapStateKind.LoggedIn,
        ["SUBSCRIBE"] = ImapStateKind.LoggedIn,
        ["UNSUBSCRIBE"] = ImapStateKind.LoggedIn,
        ["STATUS"] = ImapStateKind.LoggedIn,
        ["SELECT"] = ImapStateKind.LoggedIn,
        ["EXAMINE"] = ImapStateKind.LoggedIn,
        ["CREATE"] = ImapStateKind.LoggedIn,
        ["DELETE"] = ImapStateKind.LoggedIn,
        ["RENAME"] = ImapStateKind.LoggedIn,
        ["APPEND"] = ImapStateKind.LoggedIn,
        ["IDLE"] = ImapStateKind.LoggedIn,
        ["CHECK"] = ImapStateKind.Selected,
        ["CLOSE"] = ImapStateKind.Selected,
        ["UNSELECT"] = ImapStateKind.Selected,
        ["EXPUNGE"] = ImapStateKind.Selected,
        ["UID EXPUNGE"] = ImapStateKind.Selected,
        ["FETCH"] = ImapStateKind.Selected,
        ["UID FETCH"] = ImapStateKind.Selected,
        ["STORE"] = ImapStateKind.Selected,
        ["UID STORE"] = ImapStateKind.Selected,
        ["COPY"] = ImapStateKind.Selected,
        ["UID COPY"] = ImapStateKind.Selected,
        ["MOVE"] = ImapStateKind.Selected,
        ["UID MOVE"] = ImapStateKind.Selected,
        ["SEARCH"] = ImapStateKind.Selected,
        ["UID SEARCH"] = ImapStateKind.Selected,
    };

    public static bool IsKnown(string command) => Allowed.ContainsKey(command);

    public static bool Allows(ImapStateKind state, string command) => Allowed.TryGetValue(command, out var states) && (states & state) != 0;

    /// <summary>
    /// RFC 3501 §7: no EXPUNGE response while FETCH, STORE or SEARCH run (the client's sequence numbers would shift
    /// under it); the UID forms may get them (§7.4.1), as may every other command.
    /// </summary>
    public static bool AllowsExpungeAfter(string command) => command is not ("FETCH" or "STORE" or "SEARCH");
}
