using System.Text.Json.Serialization;

namespace ServerlessMail.Relay.Ses;

/// <summary>The recipients of one SendEmail call. With Raw content they are the envelope (RCPT TO), Bcc included.</summary>
internal sealed record SesDestination(IReadOnlyList<string> ToAddresses);

/// <summary>The answer to a successful SendEmail.</summary>
internal sealed record SesSendEmailResponse(string? MessageId);

/// <summary>An error body: SES sends <c>message</c> (sometimes <c>Message</c>); stand-ins add <c>detail</c>.</summary>
internal sealed record SesErrorBody(string? Message, string? Detail, string? Type);

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SesDestination))]
[JsonSerializable(typeof(SesSendEmailResponse))]
[JsonSerializable(typeof(SesErrorBody))]
internal sealed partial class SesJsonContext : JsonSerializerContext;
