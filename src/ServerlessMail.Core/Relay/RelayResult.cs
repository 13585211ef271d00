namespace ServerlessMail.Core;

/// <summary>What a relay did with one message: <see cref="RelaySent"/>, <see cref="RelayTemporaryFailure"/> or <see cref="RelayPermanentFailure"/>.</summary>
public abstract record RelayResult;

/// <summary>The relay took the message; <paramref name="ProviderMessageId"/> is its id there (SES MessageId, the smarthost's queue id).</summary>
/// <param name="Detail">Anything worth keeping in the history, such as recipients a smarthost refused while taking the rest.</param>
public sealed record RelaySent(string ProviderMessageId, string? Detail = null) : RelayResult;

/// <summary>Try again later: a 4xx reply, throttling, a network fault. Nothing was sent.</summary>
/// <param name="RetryAfter">
/// Set when the relay asks every sender to wait (throttling, a paused account): the worker waits at least this long and
/// stops its current pass instead of hammering it with the rest of the queue.
/// </param>
public sealed record RelayTemporaryFailure(string Reason, TimeSpan? RetryAfter = null) : RelayResult;

/// <summary>The relay refused the message for good; <paramref name="RemoteReply"/> is its reply, recorded in the history.</summary>
/// <param name="RecipientsRefused">
/// True when the remote server refused every recipient (a 5xx to each RCPT, or to the DATA that carried them): the
/// message bounced. False for a refusal of our own making (configuration, a message the relay cannot carry).
/// </param>
public sealed record RelayPermanentFailure(string RemoteReply, bool RecipientsRefused = false) : RelayResult;
