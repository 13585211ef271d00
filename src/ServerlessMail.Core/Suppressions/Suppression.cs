namespace ServerlessMail.Core;

/// <summary>Why an address is suppressed.</summary>
public enum SuppressionReason
{
    /// <summary>A permanent bounce (SES <c>Permanent</c>): the mailbox does not exist or refuses mail for good.</summary>
    Bounce,

    /// <summary>The recipient marked a message as spam (an SES complaint, an ARF feedback report).</summary>
    Complaint,

    /// <summary>Added by the account itself or an operator.</summary>
    Manual,
}

/// <summary>One suppressed address of one account, with where it came from (an SES feedback id, say).</summary>
public sealed record Suppression(string AccountId, string Address, SuppressionReason Reason, DateTimeOffset At, string? Detail)
{
    /// <summary>RFC 5321 §4.5.3.1.3: a path is at most 256 octets, brackets included.</summary>
    public const int MaxAddressLength = 254;

    /// <summary>Longest detail kept, in characters.</summary>
    public const int MaxDetailLength = 500;
}
