namespace ServerlessMail.Core;

/// <summary>The tenant. It owns domains, inboxes and tokens.</summary>
public sealed record Account(string Id, string Name, QuotaLimits Limits, DateTimeOffset CreatedAt);
