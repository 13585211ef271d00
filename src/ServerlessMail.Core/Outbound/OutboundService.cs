namespace ServerlessMail.Core;

/// <summary>
/// The submission path shared by SMTP submission and the REST API, in the order issue 4 gives: check the quota, store
/// and parse the raw message, reserve the quota, record the OutboundEmail as queued (naming its Sent copy's id before
/// the copy exists), write the Sent copy, wake the relay worker (<paramref name="relaySignal"/>) and the sender's
/// waiting sessions (<paramref name="notifier"/>). Relaying it is the relay worker's job.
/// </summary>
/// <remarks>
/// Why this order loses nothing when the process dies between steps: before the record exists, nothing was promised
/// and nothing is relayed (the blob is an orphan, the quota charge a conservative overcount); once it exists, the
/// message is relayed, and the relay worker writes a missing Sent copy before it sends (<see cref="SentCopyWriter"/>),
/// as does a retry with the same idempotency key. The copy's delivery key <c>outboundId:sent</c> and its pre-assigned
/// id make each of those writes the same single message. A sender already over a limit is refused before anything is
/// stored; one whose Sent copy would pass its stored-bytes quota is refused too, its blob deleted and its record
/// withdrawn (<c>failed</c>, never relayed), unless a relay worker claimed it first, in which case it goes out without
/// a copy. With an idempotency key the whole path is repeatable: the same key yields the same ids, the quota is charged
/// once, and nothing is duplicated.
/// </remarks>
public sealed class OutboundService(
    IMailStore store,
    IBlobStore blobs,
    QuotaService quotas,
    ThreadResolver threads,
    TimeProvider clock,
    RelaySignal? relaySignal = null,
    MailboxNotifier? notifier = null)
{
    private readonly SentCopyWriter _sentCopies = new(store, blobs, threads);

    /// <summary>Recipients per message, as SMTP limits them (RFC 5321 §4.5.3.1.8 asks servers to take at least 100).</summary>
    public const int MaxRecipients = 100;

    public async Task<SubmitResult> SubmitAsync(
        Principal principal,
        Inbox inbox,
        Stream raw,
        string mailFrom,
        IReadOnlyList<string> recipients,
        string? idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(recipients);
        if (!principal.Covers(inbox))
        {
            throw MailStoreException.NotFound("The inbox");
        }

        if (!principal.Has(TokenPermissions.Send))
        {
            throw new MailStoreException(MailStoreError.NotAllowed, "Sending needs the send permission.");
        }

        if (recipients.Count is 0 or > MaxRecipients)
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, $"A message needs 1 to {MaxRecipients} recipients.");
        }

        var account = await store.GetAccountAsync(inbox.AccountId, cancellationToken).ConfigureAwait(false)
            ?? throw MailStoreException.NotFound("The account");
        var now = clock.GetUtcNow();
        var outboundId = idempotencyKey is null ? Ids.New(Ids.Outbound, clock) : Ids.FromKey(Ids.Outbound, account.Id + "\n" + idempotencyKey);
        var existing = idempotencyKey is null ? null : await store.GetOutboundAsync(outboundId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return await ResumeAsync(existing, account, inbox, cancellationToken).ConfigureAwait(false);
        }

        if (idempotencyKey is null)
        {
            // A sender already over a limit is refused before its message is stored. With a key the reservation
            // alone decides: the counters may already hold this very request's charge from an interrupted attempt.
            var early = await quotas.CheckSendAsync(account, inbox, recipients.Count, cancellationToken).ConfigureAwait(false);
            if (!early.Allowed)
            {
                return new SubmitResult(null, null, early);
            }
        }

        var blobKey = BlobKeys.Outbound(outboundId, now);
        var size = await blobs.PutAsync(blobKey, raw, cancellationToken).ConfigureAwait(false);
        ParsedMail parsed;
        QuotaDecision decision;
        try
        {
            await using (var stored = await SeekableBlob.OpenAsync(blobs, blobKey, cancellationToken).ConfigureAwait(false))
            {
                parsed = MessageSummarizer.Parse(stored);
            }

            // The Sent copy must fit before any send quota is charged, so a full mailbox's refusal costs nothing.
            decision = await quotas.CheckStorageAsync(account, inbox, size, cancellationToken).ConfigureAwait(false);
            if (decision.Allowed)
            {
                decision = await quotas.ReserveSendAsync(account, inbox, recipients.Count, idempotencyKey, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await blobs.DeleteAsync(blobKey, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (!decision.Allowed)
        {
            await blobs.DeleteAsync(blobKey, CancellationToken.None).ConfigureAwait(false);
            return new SubmitResult(null, null, decision);
        }

        var queued = new OutboundEmail(
            outboundId, account.Id, inbox.Id, Ids.New(Ids.Message, clock), parsed.Summary.MessageIdHeader, blobKey, mailFrom,
            recipients.Select(r => r.ToLowerInvariant()).ToList(), OutboundStatus.Queued, null,
            [new OutboundEvent(now, OutboundStatus.Queued, null)], 0, now, now, now, idempotencyKey);
        var outbound = await store.CreateOutboundAsync(queued, cancellationToken).ConfigureAwait(false);
        if (outbound.SentMessageId != queued.SentMessageId)
        {
            // A concurrent request with the same key recorded it first: finish that one instead.
            return await ResumeAsync(outbound, account, inbox, cancellationToken).ConfigureAwait(false);
        }

        return await CompleteAsync(
            outbound,
            account,
            inbox,
            ct => _sentCopies.WriteAsync(outbound, account, inbox, parsed, size, principal.TokenId, ct),
            withdrawOnFault: idempotencyKey is null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A retry of a keyed submission: the record stands, so only a missing Sent copy is left to write (the earlier
    /// attempt died after recording it). A record withdrawn at submission is refused again.
    /// </summary>
    private async Task<SubmitResult> ResumeAsync(OutboundEmail existing, Account account, Inbox inbox, CancellationToken cancellationToken)
    {
        if (existing is { Status: OutboundStatus.Failed, Attempts: 0 })
        {
            return new SubmitResult(null, null, await StorageRefusalAsync(account, inbox, 0, cancellationToken).ConfigureAwait(false));
        }

        if (existing.Status is not (OutboundStatus.Queued or OutboundStatus.Sending))
        {
            // Already relayed: a Sent copy missing now was deleted by its owner, and stays deleted.
            return new SubmitResult(existing, await store.GetMessageAsync(existing.SentMessageId, cancellationToken).ConfigureAwait(false), QuotaDecision.Allow);
        }

        return await CompleteAsync(existing, account, inbox, ct => _sentCopies.EnsureAsync(existing, ct), withdrawOnFault: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the Sent copy of a recorded message and answers. Over the stored-bytes quota, or on a fault when the
    /// caller cannot retry under the same key, the record is withdrawn so that the refusal is true: nothing is sent.
    /// </summary>
    private async Task<SubmitResult> CompleteAsync(
        OutboundEmail outbound,
        Account account,
        Inbox inbox,
        Func<CancellationToken, Task<StoredMessage>> writeCopy,
        bool withdrawOnFault,
        CancellationToken cancellationToken)
    {
        StoredMessage? copy;
        try
        {
            copy = await writeCopy(cancellationToken).ConfigureAwait(false);
        }
        catch (MailStoreException overQuota) when (overQuota.Error == MailStoreError.OverQuota)
        {
            if (await WithdrawAsync(outbound, "refused at submission: " + overQuota.Message).ConfigureAwait(false))
            {
                return new SubmitResult(null, null, await StorageRefusalAsync(account, inbox, 0, CancellationToken.None).ConfigureAwait(false));
            }

            // A relay worker claimed it first: it goes out, and the worker records that it has no Sent copy.
            copy = null;
        }
        catch (Exception) when (withdrawOnFault)
        {
            // Without a key the sender's retry would be a second message: withdraw this one so that the fault
            // reply (451) is true. When even that fails, the record stands and the relay worker repairs the copy.
            var refuse = true;
            try
            {
                refuse = await WithdrawAsync(outbound, "withdrawn: the Sent copy could not be written").ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The store is failing: the original fault is what the caller sees (and logs); the record stands.
            }

            if (refuse)
            {
                throw;
            }

            copy = null;
        }

        notifier?.Publish(outbound.InboxId);
        relaySignal?.Notify();
        return new SubmitResult(outbound, copy, QuotaDecision.Allow);
    }

    /// <summary>
    /// Takes a record no worker has claimed out of the queue (<c>queued → failed</c> at zero attempts, conditional) and
    /// deletes its blob; false when a worker claimed it first.
    /// </summary>
    private async Task<bool> WithdrawAsync(OutboundEmail outbound, string reason)
    {
        var now = clock.GetUtcNow();
        var withdrawn = outbound with
        {
            Status = OutboundStatus.Failed,
            UpdatedAt = now,
            History = [.. outbound.History, new OutboundEvent(now, OutboundStatus.Failed, reason)],
        };
        if (!await store.TryUpdateOutboundAsync(withdrawn, OutboundStatus.Queued, 0, CancellationToken.None).ConfigureAwait(false))
        {
            return false;
        }

        await blobs.DeleteAsync(outbound.BlobKey, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    private async Task<QuotaDecision> StorageRefusalAsync(Account account, Inbox inbox, long size, CancellationToken cancellationToken)
    {
        var decision = await quotas.CheckStorageAsync(account, inbox, size, cancellationToken).ConfigureAwait(false);
        return decision.Allowed ? QuotaService.StorageRefusal(account, inbox) : decision;
    }
}
