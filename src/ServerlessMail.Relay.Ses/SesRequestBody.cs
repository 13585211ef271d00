using System.Text.Json;

namespace ServerlessMail.Relay.Ses;

/// <summary>
/// Writes the SendEmail JSON body to a stream. The raw message goes into <c>Content.Raw.Data</c> as base64 written
/// in segments (<see cref="Utf8JsonWriter.WriteBase64StringSegment"/>) and flushed as it goes, so a 25 MB message costs
/// a 48 KB buffer, not 60 MB of strings. Writing twice from the same content yields the same bytes.
/// </summary>
internal sealed class SesRequestBody(SesRawEmail email, string? configurationSetName)
{
    /// <summary>A multiple of 3, so every segment but the last is whole base64 groups.</summary>
    private const int SegmentSize = 48 * 1024;

    public async Task WriteToAsync(Stream target, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(target);
        writer.WriteStartObject();
        if (!string.IsNullOrEmpty(email.FromEmailAddress))
        {
            writer.WriteString("FromEmailAddress"u8, email.FromEmailAddress);
        }

        writer.WritePropertyName("Destination"u8);
        JsonSerializer.Serialize(writer, new SesDestination(email.Recipients), SesJsonContext.Default.SesDestination);
        if (!string.IsNullOrEmpty(configurationSetName))
        {
            writer.WriteString("ConfigurationSetName"u8, configurationSetName);
        }

        writer.WritePropertyName("Content"u8);
        writer.WriteStartObject();
        writer.WritePropertyName("Raw"u8);
        writer.WriteStartObject();
        writer.WritePropertyName("Data"u8);
        var buffer = new byte[SegmentSize];
        var content = await email.OpenContent(cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            while (true)
            {
                var filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                var last = filled < buffer.Length;
                writer.WriteBase64StringSegment(buffer.AsSpan(0, filled), isFinalSegment: last);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (last)
                {
                    break;
                }
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
