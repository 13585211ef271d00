using System.Text.Json.Serialization;

namespace ServerlessMail.Functions;

/// <summary>An SNS notification delivered to Lambda: SNS capitalises its property names.</summary>
internal sealed record SnsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SnsRecord>? Records);

internal sealed record SnsRecord(
    [property: JsonPropertyName("EventSource")] string? EventSource,
    [property: JsonPropertyName("Sns")] SnsMessage? Sns);

internal sealed record SnsMessage(
    [property: JsonPropertyName("MessageId")] string? MessageId,
    [property: JsonPropertyName("TopicArn")] string? TopicArn,
    [property: JsonPropertyName("Message")] string? Message,
    [property: JsonPropertyName("Timestamp")] DateTimeOffset? Timestamp);
