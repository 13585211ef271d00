using System.Text.Json.Serialization;

namespace ServerlessMail.Functions;

/// <summary>An S3 event notification (event structure version 2.x), as S3 sends it to Lambda.</summary>
internal sealed record S3Event([property: JsonPropertyName("Records")] IReadOnlyList<S3EventRecord>? Records);

internal sealed record S3EventRecord(string? EventSource, string? EventName, S3Entity? S3);

internal sealed record S3Entity(S3Bucket? Bucket, S3Object? Object);

internal sealed record S3Bucket(string? Name);

/// <summary>The object; <see cref="Key"/> is URL-encoded as in a query string (a space arrives as <c>+</c>).</summary>
internal sealed record S3Object(string? Key, long? Size, string? ETag, string? Sequencer);
