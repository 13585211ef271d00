using System.Text.Json.Serialization;

namespace ServerlessMail.Storage.Aws.Dynamo;

/// <summary>
/// The message summary is stored as one compact JSON attribute: nothing queries inside it, and a DynamoDB map would
/// repeat every field name per address and attachment. Source-generated, because every append and listing uses it.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessageSummary))]
internal sealed partial class AwsJsonContext : JsonSerializerContext;
