namespace ServerlessMail.Core;

/// <summary>One attempt at one claimed message: sort the recipients, clean, deliver locally, relay the rest.</summary>
public sealed partial class RelayWorker
{
    /// <summary>The key of a message's cleaned copy, beside the raw one (<c>outbound/…/out_x.eml</c> → <c>out_x.relay.eml</c>).</summary>
    public static string CleanedKey(string blobKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobKey);
        return blobKey.EndsWith(".eml", StringComparison.Ordinal) ? blobKey[..^4] + ".relay.eml" : blobKey + ".relay";
    }

    private async Task<Outcome> AttemptAsync(OutboundEmail claimed, CancellationToken cancellationToken)
    {
        Outcome outcome;
        try
        {
            outcome = await SendAsync(claimed, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-attempt: put it back rather than strand it in "sending". If the relay had already
            // taken it, the next start sends it again: a duplicate is better than a message silently lost.
            await RecordAsync(claimed, new Outcome(OutboundStatus.Queued, null, "interrupted by shutdown")).ConfigureAwait(false);
            throw;
        }
        catch (Exception exception)
        {
            RelayFailed?.Invoke(claimed, exception);
            outcome = new Outcome(OutboundStatus.Queued, null, exception.Message);
        }

        await RecordAsync(claimed, outcome).ConfigureAwait(false);
        return outcome;
    }

    private async Task<Outcome> SendAsync(OutboundEmail claimed, CancellationToken cancellationToken)
    {
        var notes = new List<string>(4);
        if (await RepairSentCopyAsync(claimed, cancellationToken).ConfigureAwait(false) is { } missing)
        {
            notes.Add(missing);
        }

        var (hosted, external, unknown) = await ClassifyAsync(claimed.Recipients, cancellationToken).ConfigureAwait(false);
        if (unknown.Count > 0)
        {
            notes.Add("550 5.1.1 no hosted inbox for " + string.Join(", ", unknown) + "; not relayed");
        }

        if (hosted.Count == 0 && external.Count == 0)
        {
            return new Outcome(OutboundStatus.Failed, null, string.Join("; ", notes));
        }

        var cleanedKey = CleanedKey(claimed.BlobKey);
        var size = await CleanAsync(claimed.BlobKey, cleanedKey, cancellationToken).ConfigureAwait(false);
        var allDelivered = false;
        if (hosted.Count > 0)
        {
            var (note, everyone) = await DeliverLocallyAsync(claimed, cleanedKey, size, hosted, cancellationToken).ConfigureAwait(false);
            notes.Insert(0, note);
            allDelivered = everyone;
        }

        if (external.Count == 0)
        {
            // Delivered only when the message is in every recipient's mailbox: one left over quota (retried by the
            // delivery worker) or an unknown user means it has left our hands without having arrived everywhere.
            var status = allDelivered && unknown.Count == 0 ? OutboundStatus.Delivered : OutboundStatus.Sent;
            return new Outcome(status, null, string.Join("; ", notes));
        }

        RelayResult result;
        try
        {
            var message = new RelayMessage(claimed.Id, claimed.MailFrom, external, size, ct => _blobs.OpenReadAsync(cleanedKey, ct));
            result = await _relay.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (hosted.Count == 0)
            {
                // No stored message points at the cleaned copy; each attempt makes it afresh.
                await _blobs.DeleteAsync(cleanedKey, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return result switch
        {
            RelaySent sent => new Outcome(OutboundStatus.Sent, sent.ProviderMessageId, Join(_relay.Name + ": " + sent.ProviderMessageId, sent.Detail, notes)),
            RelayTemporaryFailure temporary => new Outcome(OutboundStatus.Queued, null, Join(_relay.Name + ": " + temporary.Reason, null, notes), temporary.RetryAfter),
            // A remote refusal of every recipient is a bounce; a hosted recipient delivered here was not refused,
            // so with one the message is sent (the refusal kept in the history).
            RelayPermanentFailure { RecipientsRefused: true } bounce => new Outcome(
                hosted.Count == 0 ? OutboundStatus.Bounced : OutboundStatus.Sent, null, Join(_relay.Name + ": " + bounce.RemoteReply, null, notes)),
            RelayPermanentFailure permanent => new Outcome(OutboundStatus.Failed, null, Join(_relay.Name + ": " + permanent.RemoteReply, null, notes)),
            _ => throw new InvalidOperationException($"Unknown relay result {result.GetType().Name}."),
        };
    }

    private async Task<(List<string> Hosted, List<string> External, List<string> Unknown)> ClassifyAsync(
        IReadOnlyList<string> recipients,
        CancellationToken cancellationToken)
    {
        var hosted = new List<string>();
        var external = new List<string>();
        var unknown = new List<string>();
        foreach (var recipient in recipients.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var resolved = await _resolver.ResolveAsync(recipient, cancellationToken).ConfigureAwait(false);
            var list = resolved.Kind switch
            {
                RecipientKind.Hosted => hosted,
                RecipientKind.UnknownUser => unknown,
                _ => external,
            };
            list.Add(recipient);
        }

        return (hosted, external, unknown);
    }

    /// <summary>Streams the raw message through <see cref="CleanedMessageStream"/> into its cleaned copy; returns its length.</summary>
    private async Task<long> CleanAsync(string blobKey, string cleanedKey, CancellationToken cancellationToken)
    {
        var raw = await _blobs.OpenReadAsync(blobKey, cancellationToken).ConfigureAwait(false);
        await using var cleaned = new CleanedMessageStream(raw);
        return await _blobs.PutAsync(cleanedKey, cleaned, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Delivers to hosted recipients with no external hop: the cleaned copy is registered as accepted (under an id
    /// derived from its key, so a retried attempt finds the same record) and delivered at once. An inbox over its
    /// storage quota leaves the accepted record pending, and the delivery worker retries it.
    /// </summary>
    private async Task<(string Note, bool AllDelivered)> DeliverLocallyAsync(OutboundEmail claimed, string cleanedKey, long size, List<string> hosted, CancellationToken cancellationToken)
    {
        var accepted = await _ingest.AcceptStoredAsync(cleanedKey, size, new MessageEnvelope(claimed.MailFrom, hosted), cancellationToken).ConfigureAwait(false);
        var delivery = await _ingest.DeliverAsync(accepted.Id, cancellationToken).ConfigureAwait(false);
        if (delivery.Recipients.Count == 0)
        {
            // An earlier attempt delivered it; whether every recipient got it then is not known here.
            return ("delivered locally by an earlier attempt to " + string.Join(", ", hosted), false);
        }

        var delivered = delivery.Recipients.Where(r => r.Outcome == RecipientOutcome.Delivered).Select(r => r.Recipient).ToList();
        var pending = delivery.Recipients.Where(r => r.Outcome == RecipientOutcome.OverQuota).Select(r => r.Recipient).ToList();
        var text = delivered.Count > 0 ? "delivered locally to " + string.Join(", ", delivered) : "no local delivery yet";
        var note = pending.Count > 0 ? text + "; over quota, retried by the delivery worker: " + string.Join(", ", pending) : text;
        return (note, delivery.Recipients.All(r => r.Outcome == RecipientOutcome.Delivered));
    }

    /// <summary>
    /// Writes the Sent copy when the submission recorded the message but died before writing it; a copy already there
    /// is found by its id (one read). A copy that cannot be written (over quota, no Sent folder) does not hold the
    /// message back: the returned note says so, and the history keeps it. A store fault is retried with the attempt.
    /// </summary>
    /// <remarks>
    /// Only until an attempt has recorded an outcome (the initial <c>queued</c> is then no longer the only one): the
    /// repair is an attempt's first step, so after that a missing copy was expunged by its owner and stays expunged.
    /// An owner who expunges the copy before the first attempt gets it back; that window is the relay queue's delay.
    /// </remarks>
    private async Task<string?> RepairSentCopyAsync(OutboundEmail claimed, CancellationToken cancellationToken)
    {
        if (claimed.History.Count(h => h.Status == OutboundStatus.Queued) > 1)
        {
            return null;
        }

        try
        {
            await _sentCopies.EnsureAsync(claimed, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (MailStoreException refused) when (refused.Error is MailStoreError.OverQuota or MailStoreError.NotFound)
        {
            return "no Sent copy: " + refused.Message;
        }
    }

    private static string Join(string head, string? detail, List<string> notes) =>
        string.Join("; ", new[] { head, detail }.Concat(notes).Where(s => !string.IsNullOrEmpty(s)));
}
