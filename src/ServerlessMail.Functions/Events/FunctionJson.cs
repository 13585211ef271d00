using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessMail.Functions;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(S3Event))]
[JsonSerializable(typeof(SnsEvent))]
[JsonSerializable(typeof(SesNotification))]
[JsonSerializable(typeof(AuthorizerRequest))]
[JsonSerializable(typeof(AuthorizerResponse))]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(BatchResponse))]
internal sealed partial class FunctionJsonContext : JsonSerializerContext;

/// <summary>Reads an event and writes a response, with a bound on the event's size and a clear error for bad JSON.</summary>
internal static class FunctionJson
{
    /// <summary>Lambda's synchronous payload limit is 6 MB; nothing larger is a real event.</summary>
    public const int MaxEventBytes = 6 * 1024 * 1024;

    public static async Task<T> ReadAsync<T>(Stream input, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxEventBytes)
            {
                throw new InvalidEventException($"The event is larger than {MaxEventBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type)
                ?? throw new InvalidEventException("The event is JSON null.");
        }
        catch (JsonException exception)
        {
            throw new InvalidEventException("The event is not the expected JSON: " + exception.Message, exception);
        }
    }

    public static Stream Write<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, type), writable: false);
}

/// <summary>An event that cannot be read. Retrying it cannot help, so handlers let it fail to the dead-letter queue.</summary>
public sealed class InvalidEventException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// Some records of an event failed. Thrown after every record was tried, so that Lambda retries the event (the
/// handlers are idempotent: records that succeeded are no-ops the second time) and, after its retries, hands it to
/// the dead-letter destination.
/// </summary>
public sealed class PartialBatchFailureException(IReadOnlyList<string> failedItems, Exception firstError)
    : Exception($"{failedItems.Count} record(s) failed, first: {firstError.Message}", firstError)
{
    public IReadOnlyList<string> FailedItems { get; } = failedItems;
}
