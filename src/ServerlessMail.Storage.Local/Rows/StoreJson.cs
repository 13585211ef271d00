using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessMail.Core;

namespace ServerlessMail.Storage.Local.Rows;

/// <summary>The nested parts of records, stored as JSON columns: never filtered on, always read whole.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessageEnvelope))]
[JsonSerializable(typeof(MessageSummary))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<OutboundEvent>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;

internal static class StoreJson
{
    public static string Envelope(MessageEnvelope envelope) => JsonSerializer.Serialize(envelope, StoreJsonContext.Default.MessageEnvelope);

    public static MessageEnvelope Envelope(string json) =>
        JsonSerializer.Deserialize(json, StoreJsonContext.Default.MessageEnvelope) ?? throw Corrupt("envelope");

    public static string Summary(MessageSummary summary) => JsonSerializer.Serialize(summary, StoreJsonContext.Default.MessageSummary);

    public static MessageSummary Summary(string json) =>
        JsonSerializer.Deserialize(json, StoreJsonContext.Default.MessageSummary) ?? throw Corrupt("summary");

    public static string Strings(IEnumerable<string> values) =>
        JsonSerializer.Serialize(values as List<string> ?? [.. values], StoreJsonContext.Default.ListString);

    public static List<string> Strings(string json) =>
        JsonSerializer.Deserialize(json, StoreJsonContext.Default.ListString) ?? throw Corrupt("list");

    public static string History(IEnumerable<OutboundEvent> events) =>
        JsonSerializer.Serialize(events as List<OutboundEvent> ?? [.. events], StoreJsonContext.Default.ListOutboundEvent);

    public static List<OutboundEvent> History(string json) =>
        JsonSerializer.Deserialize(json, StoreJsonContext.Default.ListOutboundEvent) ?? throw Corrupt("history");

    private static InvalidDataException Corrupt(string what) => new($"A stored {what} is not valid JSON.");
}
