namespace ServerlessMail.Core;

/// <summary>Who a verified token speaks for, and what it may do. Every edge checks permissions through this.</summary>
public sealed record Principal(string AccountId, string TokenId, string? InboxId, TokenPermissions Permissions)
{
    public bool IsAccountScoped => InboxId is null;

    /// <summary>True when the token may act on <paramref name="inbox"/> at all (account scope, or that inbox).</summary>
    public bool Covers(Inbox inbox)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        return inbox.AccountId == AccountId && (InboxId is null || InboxId == inbox.Id);
    }

    public bool Has(TokenPermissions permission) =>
        (Permissions & TokenPermissions.Admin) != 0 || (Permissions & permission) == permission;

    /// <summary>
    /// True when this principal may mint a token with <paramref name="permissions"/> for <paramref name="inboxId"/>:
    /// never more rights than its own, never a wider scope.
    /// </summary>
    public bool MayGrant(TokenPermissions permissions, string? inboxId)
    {
        if (!Has(TokenPermissions.Manage))
        {
            return false;
        }

        var own = Has(TokenPermissions.Admin) ? TokenPermissions.All : Permissions;
        var withinRights = (permissions & ~own) == 0;
        var withinScope = InboxId is null || InboxId == inboxId;
        return withinRights && withinScope;
    }
}
