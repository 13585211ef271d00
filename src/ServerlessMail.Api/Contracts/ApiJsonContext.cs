using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessMail.Api.Contracts;

/// <summary>
/// Every request and response body, serialized by source generation (no reflection on the hot path): camelCase names,
/// nulls left out, and times as ISO 8601 UTC (<see cref="UtcTimeConverter"/>).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcTimeConverter)])]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(HealthBody))]
[JsonSerializable(typeof(CreateInboxRequest))]
[JsonSerializable(typeof(UpdateInboxRequest))]
[JsonSerializable(typeof(InboxBody))]
[JsonSerializable(typeof(ListBody<InboxBody>))]
[JsonSerializable(typeof(FolderNameRequest))]
[JsonSerializable(typeof(FolderBody))]
[JsonSerializable(typeof(ListBody<FolderBody>))]
[JsonSerializable(typeof(MessageSummaryBody))]
[JsonSerializable(typeof(ListBody<MessageSummaryBody>))]
[JsonSerializable(typeof(MessageBody))]
[JsonSerializable(typeof(UpdateMessageRequest))]
[JsonSerializable(typeof(ThreadBody))]
[JsonSerializable(typeof(ListBody<ThreadBody>))]
[JsonSerializable(typeof(SendRequest))]
[JsonSerializable(typeof(SendResponse))]
[JsonSerializable(typeof(OutboundBody))]
[JsonSerializable(typeof(ListBody<OutboundBody>))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(TokenBody))]
[JsonSerializable(typeof(CreatedTokenBody))]
[JsonSerializable(typeof(ListBody<TokenBody>))]
[JsonSerializable(typeof(AccessBody))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

/// <summary>Writes every time in UTC with a <c>Z</c> (ISO 8601); reads any ISO 8601 offset.</summary>
internal sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
}
