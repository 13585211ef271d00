using System.Text.Json.Serialization;

namespace ServerlessMail.Cli.Operator;

/// <summary>The JSON of the operator commands (<c>--json</c>); scripts and tests rely on these names.</summary>
internal sealed record InboxJson(
    string Id,
    string Address,
    string AccountId,
    string? DisplayName,
    LimitsJson Limits,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CreatedAccountJson? CreatedAccount);

/// <summary>Null means unlimited at that level.</summary>
internal sealed record LimitsJson(int? SendsPerDay, int? SendsPerMinute, long? StoredBytes);

internal sealed record AccountJson(string Id, string Name, LimitsJson Limits, DateTimeOffset CreatedAt);

/// <summary>An account made on the way, with its admin token: shown this once.</summary>
internal sealed record CreatedAccountJson(string Id, string Domain, string AdminToken);

internal sealed record TokenJson(
    string Id,
    string Name,
    string? InboxId,
    IReadOnlyList<string> Permissions,
    string Display,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Token);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(InboxJson))]
[JsonSerializable(typeof(IReadOnlyList<InboxJson>))]
[JsonSerializable(typeof(CreatedAccountJson))]
[JsonSerializable(typeof(AccountJson))]
[JsonSerializable(typeof(TokenJson))]
[JsonSerializable(typeof(IReadOnlyList<TokenJson>))]
internal sealed partial class OperatorJsonContext : JsonSerializerContext;
