namespace ServerlessMail.Core;

/// <summary>A domain an account receives mail for. The name is lower-case ASCII (punycode for IDNs).</summary>
public sealed record MailDomain(string Name, string AccountId, bool IsDefault, string? CatchAllInboxId, DateTimeOffset CreatedAt);
