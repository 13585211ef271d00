using System.Text.Json.Serialization;
using ServerlessMail.Core;

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

/// <summary>What 'send' queued: the outbound id, the Sent copy's message id, and where it is now.</summary>
internal sealed record SentJson(string OutboundId, string MessageId, string? MessageIdHeader, string Status, IReadOnlyList<string> Recipients);

/// <summary>A message in a listing; flags as IMAP names them (\Seen, \Answered, ...).</summary>
internal sealed record MessageListJson(
    string Id,
    string InboxId,
    string? Folder,
    uint Uid,
    IReadOnlyList<string> Flags,
    IReadOnlyList<string> Keywords,
    DateTimeOffset ReceivedAt,
    long Size,
    string ThreadId,
    IReadOnlyList<AddressSummary> From,
    string? Subject,
    string Preview);

/// <summary>One message read in full: the listing's fields, its headers, and its decoded text and HTML.</summary>
internal sealed record MessageJson(
    MessageListJson Message,
    string Inbox,
    string? MessageIdHeader,
    IReadOnlyList<AddressSummary> To,
    IReadOnlyList<AddressSummary> Cc,
    DateTimeOffset? Date,
    string? Text,
    string? Html,
    IReadOnlyList<AttachmentSummary> Attachments);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(InboxJson))]
[JsonSerializable(typeof(IReadOnlyList<InboxJson>))]
[JsonSerializable(typeof(CreatedAccountJson))]
[JsonSerializable(typeof(AccountJson))]
[JsonSerializable(typeof(TokenJson))]
[JsonSerializable(typeof(IReadOnlyList<TokenJson>))]
[JsonSerializable(typeof(SentJson))]
[JsonSerializable(typeof(IReadOnlyList<MessageListJson>))]
[JsonSerializable(typeof(MessageJson))]
internal sealed partial class OperatorJsonContext : JsonSerializerContext;
