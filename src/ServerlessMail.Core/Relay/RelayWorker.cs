using System.Globalization;

namespace ServerlessMail.Core;

/// <summary>
/// Relays queued outbound mail on one machine, like <see cref="DeliveryWorker"/> does for inbound: woken by
/// <see cref="RelaySignal"/> after a submission and every <see cref="RelayOptions.PollInterval"/> for retries. Each
/// due message is claimed with a conditional <c>queued → sending</c> update holding a lease, so two workers (or two
/// processes on one store) never both send it, and a message whose worker died mid-attempt is reclaimed once the lease
/// expires (see <see cref="TryClaimAsync"/>). Hosted recipients are delivered locally through <see cref="MailIngestService"/> with no
/// external hop; the rest go through the <see cref="IMailRelay"/>, after the message is cleaned
/// (<see cref="MessageCleaner"/>). Before either, a Sent copy the submission did not get to write is written
/// (<see cref="SentCopyWriter"/>). The outcome is recorded as <c>delivered</c> (every recipient hosted and delivered
/// here), <c>sent</c> (with the provider's id), <c>bounced</c> (the remote server refused every recipient for good,
/// with its reply), <c>failed</c> (our own permanent failure: nothing to send to, a relay refusing the message itself,
/// too many attempts), or <c>queued</c> again with a backoff: a temporary failure never drops the message.
/// </summary>
public sealed partial class RelayWorker
{
    private readonly IMailStore _store;
    private readonly IBlobStore _blobs;
    private readonly MailIngestService _ingest;
    private readonly RecipientResolver _resolver;
    private readonly IMailRelay _relay;
    private readonly RelaySignal _signal;
    private readonly TimeProvider _clock;
    private readonly RelayOptions _options;
    private readonly SentCopyWriter _sentCopies;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public RelayWorker(
        IMailStore store,
        IBlobStore blobs,
        MailIngestService ingest,
        RecipientResolver resolver,
        IMailRelay relay,
        RelaySignal signal,
        TimeProvider clock,
        RelayOptions? options = null,
        SentCopyWriter? sentCopies = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _blobs = blobs ?? throw new ArgumentNullException(nameof(blobs));
        _ingest = ingest ?? throw new ArgumentNullException(nameof(ingest));
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _relay = relay ?? throw new ArgumentNullException(nameof(relay));
        _signal = signal ?? throw new ArgumentNullException(nameof(signal));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _options = options ?? new RelayOptions();
        _sentCopies = sentCopies ?? new SentCopyWriter(store, blobs, new ThreadResolver(store, clock));
    }

    /// <summary>Raised when an attempt fails unexpectedly (a fault, not a relay's answer); the host logs it. The message is retried.</summary>
    public event Action<OutboundEmail, Exception>? RelayFailed;

    /// <summary>Raised after each attempt's outcome is recorded, with the record as it now stands.</summary>
    public event Action<OutboundEmail>? Relayed;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    await _signal.WaitAsync(_options.PollInterval, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One pass over due messages; returns how many this worker claimed and attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (now < _pausedUntil)
        {
            return 0;
        }

        var due = await _store.ListDueOutboundAsync(now, _options.BatchSize, cancellationToken).ConfigureAwait(false);
        var attempted = 0;
        foreach (var outbound in due)
        {
            var claimed = await TryClaimAsync(outbound, cancellationToken).ConfigureAwait(false);
            if (claimed is null)
            {
                continue;
            }

            attempted++;
            var outcome = await AttemptAsync(claimed, cancellationToken).ConfigureAwait(false);
            if (outcome.RetryAfter is { } wait)
            {
                // The relay asked every sender to wait (throttling): leave the rest of the queue until then.
                _pausedUntil = _clock.GetUtcNow() + wait;
                break;
            }
        }

        return attempted;
    }

    /// <summary>
    /// Claims a due message with a conditional update from the status just read, so of two workers exactly one wins:
    /// <c>queued → sending</c>, or an expired <c>sending</c> claim taken over (<c>sending → sending</c>) when the worker
    /// that held it died before recording the outcome. The claim sets NextAttemptAt to the end of a lease
    /// (<see cref="RelayOptions.ClaimLease"/>); until then no worker lists the message.
    /// </summary>
    /// <remarks>
    /// Why a live relay sends twice only when it outlives its lease: while the lease runs, the message is not listed,
    /// so no other worker can claim it, and the holder records its outcome with a conditional update from
    /// <c>sending</c>, which ends the claim. Only a relay still running when its lease ends can be overtaken by a
    /// reclaim, and then both may reach the relay; the lease is longer than any relay timeout so that this does not
    /// happen. A worker killed after its relay took the message but before recording it is the other, unavoidable
    /// case: nothing says whether the relay took it, so the reclaim sends it again (a duplicate rather than a message
    /// silently lost), and the history records that the earlier attempt's outcome is unknown.
    /// </remarks>
    private async Task<OutboundEmail?> TryClaimAsync(OutboundEmail outbound, CancellationToken cancellationToken)
    {
        if (outbound.Status is not (OutboundStatus.Queued or OutboundStatus.Sending))
        {
            return null;
        }

        var now = _clock.GetUtcNow();
        var history = outbound.History;
        if (outbound.Status == OutboundStatus.Sending)
        {
            var unknown = Invariant($"attempt {outbound.Attempts}: outcome unknown, its worker did not record it before the lease ended at {outbound.NextAttemptAt:yyyy-MM-ddTHH:mm:ssZ}");
            if (outbound.Attempts >= _options.MaxAttempts)
            {
                // A message whose attempts keep dying (one that crashes the process, say) must not be reclaimed forever.
                var failed = outbound with
                {
                    Status = OutboundStatus.Failed,
                    UpdatedAt = now,
                    History = [.. history, new OutboundEvent(now, OutboundStatus.Failed, Cut(Invariant($"gave up after {outbound.Attempts} attempts; {unknown}")))],
                };
                await _store.TryUpdateOutboundAsync(failed, OutboundStatus.Sending, outbound.Attempts, cancellationToken).ConfigureAwait(false);
                return null;
            }

            history = [.. history, new OutboundEvent(now, OutboundStatus.Sending, Cut(unknown))];
        }

        var attempt = outbound.Attempts + 1;
        var claimed = outbound with
        {
            Status = OutboundStatus.Sending,
            Attempts = attempt,
            NextAttemptAt = now + _options.ClaimLease,
            UpdatedAt = now,
            History = [.. history, new OutboundEvent(now, OutboundStatus.Sending, Invariant($"attempt {attempt} via {_relay.Name}"))],
        };
        // Expecting the attempts as well as the status: a status check alone would let two workers that both listed an
        // expired claim both take it over (sending → sending passes for each).
        return await _store.TryUpdateOutboundAsync(claimed, outbound.Status, outbound.Attempts, cancellationToken).ConfigureAwait(false) ? claimed : null;
    }

    /// <summary>
    /// Writes the outcome with a conditional update from this worker's own claim (<c>sending</c> at its attempt count),
    /// so a worker overtaken after its lease ended cannot overwrite the claim that took over. It runs even when
    /// shutdown has begun: once a relay has taken the message, forgetting that would send it again.
    /// </summary>
    private async Task<OutboundEmail> RecordAsync(OutboundEmail claimed, Outcome outcome)
    {
        var now = _clock.GetUtcNow();
        var detail = Cut(outcome.Detail);
        var updated = outcome.Status switch
        {
            OutboundStatus.Sent => claimed with { Status = OutboundStatus.Sent, ProviderMessageId = outcome.ProviderMessageId ?? claimed.ProviderMessageId },
            OutboundStatus.Queued when claimed.Attempts >= _options.MaxAttempts => claimed with
            {
                Status = OutboundStatus.Failed,
                History = [.. claimed.History, new OutboundEvent(now, OutboundStatus.Failed, Cut(Invariant($"gave up after {claimed.Attempts} attempts: {outcome.Detail}")))],
            },
            OutboundStatus.Queued => Requeue(claimed, now, detail, outcome.RetryAfter),
            _ => claimed with { Status = outcome.Status },
        };
        if (updated.History.Count == claimed.History.Count)
        {
            updated = updated with { History = [.. claimed.History, new OutboundEvent(now, updated.Status, detail)] };
        }

        updated = updated with { UpdatedAt = now };
        if (!await _store.TryUpdateOutboundAsync(updated, OutboundStatus.Sending, claimed.Attempts, CancellationToken.None).ConfigureAwait(false))
        {
            RelayFailed?.Invoke(claimed, new MailStoreException(MailStoreError.Conflict, "The outbound record changed while it was being sent (another worker took over the claim after its lease ended); its outcome was not recorded."));
            return claimed;
        }

        Relayed?.Invoke(updated);
        return updated;
    }

    private OutboundEmail Requeue(OutboundEmail claimed, DateTimeOffset now, string? reason, TimeSpan? retryAfter)
    {
        var backoff = MailIngestService.Backoff(claimed.Attempts);
        var next = now + (retryAfter is { } wait && wait > backoff ? wait : backoff);
        var detail = Cut(Invariant($"temporary failure: {reason}; next attempt at {next:yyyy-MM-ddTHH:mm:ssZ}"));
        return claimed with
        {
            Status = OutboundStatus.Queued,
            NextAttemptAt = next,
            History = [.. claimed.History, new OutboundEvent(now, OutboundStatus.Queued, detail)],
        };
    }

    private string? Cut(string? value) =>
        value is null || value.Length <= _options.MaxDetailLength ? value : value[.._options.MaxDetailLength];

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>What one attempt came to: <c>Delivered</c>, <c>Sent</c>, <c>Bounced</c>, <c>Failed</c>, or <c>Queued</c> (retry).</summary>
    private sealed record Outcome(OutboundStatus Status, string? ProviderMessageId, string? Detail, TimeSpan? RetryAfter = null);
}
