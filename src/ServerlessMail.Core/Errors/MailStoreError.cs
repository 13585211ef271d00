namespace ServerlessMail.Core;

/// <summary>Why a store or domain operation was refused. Every edge maps these to its own replies.</summary>
public enum MailStoreError
{
    /// <summary>The id names nothing (or nothing the caller may see).</summary>
    NotFound,

    /// <summary>The name or address is taken, or a conditional write lost a race it cannot retry.</summary>
    Conflict,

    /// <summary>A cursor that this store did not issue, or that was tampered with.</summary>
    InvalidCursor,

    /// <summary>A value is longer than the model allows.</summary>
    ValueTooLarge,

    /// <summary>A value is malformed (a bad address, folder name or token).</summary>
    InvalidArgument,

    /// <summary>A stored-bytes quota would be exceeded.</summary>
    OverQuota,

    /// <summary>The operation is not allowed on this object (deleting a special-use folder, say).</summary>
    NotAllowed,

    /// <summary>The store is unreachable or failed; the caller may retry later.</summary>
    Unavailable,
}
