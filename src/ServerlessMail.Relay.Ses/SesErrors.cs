using System.Globalization;
using ServerlessMail.Core;

namespace ServerlessMail.Relay.Ses;

/// <summary>
/// Maps SES answers to relay results. Throttling, quota and account-level refusals, credential errors and 5xx are
/// temporary: the message is fine and nothing may be dropped while an operator fixes a key or SES lifts a pause.
/// Other 4xx refusals (MessageRejected, an unverified identity, a bad request) are permanent.
/// </summary>
internal static class SesErrors
{
    /// <summary>How long a throttled sender waits when SES gives no Retry-After.</summary>
    public static readonly TimeSpan ThrottleWait = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait after a refusal no retry soon will change (quota spent, sending paused, bad credentials).</summary>
    public static readonly TimeSpan AccountWait = TimeSpan.FromMinutes(15);

    public static RelayResult Map(SesSendResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.MessageId is { } id)
        {
            return new RelaySent(id);
        }

        var reply = string.Create(CultureInfo.InvariantCulture, $"{result.StatusCode} {result.ErrorType ?? "error"}: {result.ErrorMessage}");
        return result switch
        {
            { StatusCode: 429 } or { ErrorType: "TooManyRequestsException" or "ThrottlingException" or "Throttling" } =>
                new RelayTemporaryFailure(reply, Longer(result.RetryAfter, ThrottleWait)),
            { ErrorType: "LimitExceededException" or "SendingPausedException" or "AccountSuspendedException" } =>
                new RelayTemporaryFailure(reply, Longer(result.RetryAfter, AccountWait)),
            { StatusCode: 401 or 403 } => new RelayTemporaryFailure(reply, Longer(result.RetryAfter, AccountWait)),
            { StatusCode: >= 500 } => new RelayTemporaryFailure(reply, result.RetryAfter),
            { StatusCode: >= 400 } => new RelayPermanentFailure(reply),
            _ => new RelayTemporaryFailure(reply),
        };
    }

    private static TimeSpan Longer(TimeSpan? given, TimeSpan floor) => given is { } value && value > floor ? value : floor;
}
