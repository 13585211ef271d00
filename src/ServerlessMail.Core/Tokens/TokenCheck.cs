namespace ServerlessMail.Core;

public enum TokenStatus
{
    Valid,

    /// <summary>Not a token at all (wrong shape or checksum); rejected without a store lookup.</summary>
    Malformed,

    /// <summary>Well formed but not issued here.</summary>
    Unknown,

    Revoked,
    Expired,
}

/// <summary>The result of checking a presented token. Edges answer every non-valid status the same way to the peer.</summary>
public sealed record TokenCheck(TokenStatus Status, Principal? Principal, ApiToken? Token)
{
    public bool IsValid => Status == TokenStatus.Valid;

    internal static TokenCheck Fail(TokenStatus status, ApiToken? token = null) => new(status, null, token);
}
