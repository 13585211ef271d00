using System.Text.Json.Serialization;

namespace ServerlessMail.Cli.Mime;

/// <summary>The JSON contract of <c>serverlessmail mime parse</c>; other tools and tests rely on these names.</summary>
internal sealed record ParsedMessageJson(
    string? MessageId,
    string? Subject,
    IReadOnlyList<AddressJson> From,
    IReadOnlyList<AddressJson> To,
    IReadOnlyList<AddressJson> Cc,
    IReadOnlyList<AddressJson> Bcc,
    IReadOnlyList<AddressJson> ReplyTo,
    DateTimeOffset? Date,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string? Text,
    string? Html,
    IReadOnlyList<AttachmentJson> Attachments,
    PartJson Structure);

/// <summary>A mailbox; an unparseable piece has a null address and its text in <c>raw</c>.</summary>
internal sealed record AddressJson(
    string? Name,
    string? Address,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Group,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Raw);

/// <summary>Size and SHA-256 (lowercase hex) are those of the decoded content.</summary>
internal sealed record AttachmentJson(
    string Id,
    string? Filename,
    string SafeFilename,
    string ContentType,
    string Disposition,
    string? ContentId,
    long Size,
    string Sha256);

internal sealed record RangeJson(long Offset, long Length);

internal sealed record PartJson(
    string Part,
    string ContentType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Charset,
    string Encoding,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Disposition,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Filename,
    long HeaderOffset,
    long BodyOffset,
    long EndOffset,
    long BodyLines,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Defects,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RangeJson? Preamble,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RangeJson? Epilogue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PartJson>? Children,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PartJson? Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ParsedMessageJson))]
internal sealed partial class MimeJsonContext : JsonSerializerContext;
