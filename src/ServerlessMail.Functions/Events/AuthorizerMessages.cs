namespace ServerlessMail.Functions;

/// <summary>An HTTP API Lambda authorizer request, payload format 2.0 (header names arrive lower-cased).</summary>
internal sealed record AuthorizerRequest(
    string? Version,
    string? Type,
    string? RouteKey,
    string? RawPath,
    IReadOnlyDictionary<string, string>? Headers,
    IReadOnlyDictionary<string, string>? PathParameters);

/// <summary>A simple response: API Gateway passes <see cref="Context"/> to the integration as <c>$context.authorizer.*</c>.</summary>
internal sealed record AuthorizerResponse(bool IsAuthorized, IReadOnlyDictionary<string, string>? Context);

/// <summary>An HTTP API request, payload format 2.0 (what the API's Lambda Web Adapter translates; used by the invoker's checks).</summary>
internal sealed record HttpApiRequest(string? Version, string? RouteKey, string? RawPath, IReadOnlyDictionary<string, string>? Headers);

/// <summary>The partial-failure answer of SQS-style triggers: the items to retry.</summary>
internal sealed record BatchResponse(IReadOnlyList<BatchItemFailure> BatchItemFailures);

internal sealed record BatchItemFailure(string ItemIdentifier);
