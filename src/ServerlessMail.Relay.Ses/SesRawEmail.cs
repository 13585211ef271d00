namespace ServerlessMail.Relay.Ses;

/// <summary>
/// One SendEmail call with Raw content. <see cref="OpenContent"/> opens the raw message from its start; it is called
/// twice per attempt (hash pass, send pass) and must yield the same bytes each time.
/// </summary>
public sealed record SesRawEmail(
    string? FromEmailAddress,
    IReadOnlyList<string> Recipients,
    Func<CancellationToken, Task<Stream>> OpenContent);

/// <summary>What SES answered: a message id, or an HTTP status with the error type and message.</summary>
public sealed record SesSendResult(int StatusCode, string? MessageId, string? ErrorType, string? ErrorMessage, TimeSpan? RetryAfter)
{
    public bool Succeeded => MessageId is not null;
}
