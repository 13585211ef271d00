namespace ServerlessMail.Core;

/// <summary>What a token may do. <see cref="Admin"/> implies every other permission.</summary>
[Flags]
public enum TokenPermissions
{
    None = 0,
    Read = 1,
    Send = 2,
    Delete = 4,

    /// <summary>Create and change inboxes, folders and tokens.</summary>
    Manage = 8,

    Admin = 16,

    All = Read | Send | Delete | Manage | Admin,
}
