namespace ServerlessMail.Core;

/// <summary>An address with its folders. <see cref="LocalPart"/> and <see cref="Domain"/> are lower-case.</summary>
public sealed record Inbox(
    string Id,
    string AccountId,
    string LocalPart,
    string Domain,
    string? DisplayName,
    QuotaLimits Limits,
    DateTimeOffset CreatedAt)
{
    public string Address => LocalPart + "@" + Domain;
}
