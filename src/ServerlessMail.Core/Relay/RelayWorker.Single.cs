namespace ServerlessMail.Core;

/// <summary>One named message, for a host that is told which one to relay (the S3-triggered relay Lambda).</summary>
public sealed partial class RelayWorker
{
    /// <summary>
    /// Claims and attempts <paramref name="outboundId"/> once, with the same claim, attempt and record steps as
    /// <see cref="RunOnceAsync"/>, so of any number of concurrent or repeated calls exactly one sends it. A queued
    /// message is claimed even before its <see cref="OutboundEmail.NextAttemptAt"/>: the caller's trigger (an event,
    /// an event's retry) is the schedule. A message another worker holds under a live lease, or one already past
    /// <c>sending</c>, is left alone and returned as it stands (<see cref="SingleRelay.Attempted"/> false).
    /// </summary>
    public async Task<SingleRelay> RelayOneAsync(string outboundId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outboundId);
        var outbound = await _store.GetOutboundAsync(outboundId, cancellationToken).ConfigureAwait(false);
        if (outbound is null)
        {
            return new SingleRelay(null, Attempted: false, Temporary: false);
        }

        var live = outbound.Status == OutboundStatus.Sending && outbound.NextAttemptAt > _clock.GetUtcNow();
        if (outbound.Status is not (OutboundStatus.Queued or OutboundStatus.Sending) || live)
        {
            return new SingleRelay(outbound, Attempted: false, Temporary: false);
        }

        var claimed = await TryClaimAsync(outbound, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            return new SingleRelay(await _store.GetOutboundAsync(outboundId, cancellationToken).ConfigureAwait(false), Attempted: false, Temporary: false);
        }

        var (outcome, record) = await AttemptAsync(claimed, cancellationToken).ConfigureAwait(false);
        return new SingleRelay(record, Attempted: true, Temporary: outcome.Status == OutboundStatus.Queued && record.Status == OutboundStatus.Queued);
    }
}

/// <summary>
/// What <see cref="RelayWorker.RelayOneAsync"/> did: the record as it now stands (null when there is none),
/// whether this call attempted it, and whether that attempt failed temporarily (the message is queued again).
/// </summary>
public sealed record SingleRelay(OutboundEmail? Record, bool Attempted, bool Temporary);
