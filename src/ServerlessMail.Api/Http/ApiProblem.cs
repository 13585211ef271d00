using ServerlessMail.Api.Contracts;
using ServerlessMail.Core;

namespace ServerlessMail.Api.Http;

/// <summary>
/// A refusal answered as RFC 7807 problem JSON. <see cref="Slug"/> names a stable <c>type</c> URI, so clients branch
/// on it rather than on the wording of <see cref="Exception.Message"/>.
/// </summary>
internal sealed class ApiProblem(int status, string slug, string title, string? detail = null) : Exception(detail ?? title)
{
    public const string TypeBase = "https://serverlessmail.dev/problems/";

    public int Status { get; } = status;

    public string Slug { get; } = slug;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    public QuotaDecision? Quota { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public static ApiProblem BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "invalid-request", "The request is not valid.", detail);

    public static ApiProblem Unauthorized(string detail) => new(StatusCodes.Status401Unauthorized, "unauthorized", "A valid API token is required.", detail);

    public static ApiProblem Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "forbidden", "The token lacks a permission.", detail);

    public static ApiProblem NotFound(string what) => new(StatusCodes.Status404NotFound, "not-found", "Not found.", what + " was not found.");

    public static ApiProblem Conflict(string slug, string detail) => new(StatusCodes.Status409Conflict, slug, "Conflict.", detail);

    public static ApiProblem TooLarge(string detail) => new(StatusCodes.Status413PayloadTooLarge, "too-large", "The request is too large.", detail);

    /// <summary>Store and domain refusals, mapped once for every endpoint.</summary>
    public static ApiProblem From(MailStoreException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Error switch
        {
            MailStoreError.NotFound => new(StatusCodes.Status404NotFound, "not-found", "Not found.", exception.Message),
            MailStoreError.Conflict => new(StatusCodes.Status409Conflict, "conflict", "Conflict.", exception.Message),
            MailStoreError.InvalidCursor => new(StatusCodes.Status400BadRequest, "invalid-cursor", "The cursor is not valid.", exception.Message),
            MailStoreError.ValueTooLarge => new(StatusCodes.Status400BadRequest, "value-too-large", "A value is too long.", exception.Message),
            MailStoreError.InvalidArgument => new(StatusCodes.Status400BadRequest, "invalid-request", "The request is not valid.", exception.Message),
            MailStoreError.OverQuota => new(StatusCodes.Status507InsufficientStorage, "storage-quota-exceeded", "The storage quota is exhausted.", exception.Message),
            MailStoreError.NotAllowed => new(StatusCodes.Status403Forbidden, "forbidden", "The operation is not allowed.", exception.Message),
            _ => new(StatusCodes.Status503ServiceUnavailable, "unavailable", "The store is unavailable; retry later.", exception.Message),
        };
    }

    /// <summary>A send refused by the same quota SMTP applies: 429 naming the limit and when it resets.</summary>
    public static ApiProblem QuotaExceeded(QuotaDecision decision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var wait = decision.ResetAt is { } reset && reset > now ? reset - now : TimeSpan.FromSeconds(1);
        return new(StatusCodes.Status429TooManyRequests, "send-quota-exceeded", "A send quota is exhausted.", decision.Describe())
        {
            Quota = decision,
            RetryAfter = wait,
        };
    }

    public ProblemBody ToBody(string? instance) => new(
        TypeBase + Slug,
        Title,
        Status,
        Detail,
        instance,
        Quota?.Limit is { } limit ? JsonNames.Of(limit) : null,
        Quota?.Scope,
        Quota?.LimitValue,
        Quota?.ResetAt);
}
