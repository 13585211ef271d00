namespace ServerlessMail.Core;

/// <summary>
/// The submission path shared by SMTP submission and the REST API: check the quota, store and parse the raw message,
/// reserve the quota, write the Sent copy, record the OutboundEmail as queued, and wake the relay worker
/// (<paramref name="relaySignal"/>), then tell the sender's waiting sessions (<paramref name="notifier"/>). Relaying it
/// is the relay worker's job. A sender already over a limit is refused
/// before anything is stored; the quota is charged only once the content is stored, so a message that fails on the
/// way in costs nothing; a refusal leaves no blob behind. With an idempotency key the whole path is
/// repeatable: the same key yields the same ids, the quota is charged once, and nothing is duplicated.
/// </summary>
public sealed class OutboundService(
    IMailStore store,
    IBlobStore blobs,
    QuotaService quotas,
    ThreadResolver threads,
    TimeProvider clock,
    RelaySignal? relaySignal = null,
    MailboxNotifier? notifier = null)
{
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
            var copy = await store.GetMessageAsync(existing.SentMessageId, cancellationToken).ConfigureAwait(false);
            return new SubmitResult(existing, copy, QuotaDecision.Allow);
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

            decision = await quotas.ReserveSendAsync(account, inbox, recipients.Count, idempotencyKey, cancellationToken).ConfigureAwait(false);
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

        var sent = await FindSentAsync(inbox.Id, cancellationToken).ConfigureAwait(false)
            ?? throw MailStoreException.NotFound("The Sent folder");
        var thread = await threads.ResolveAsync(account.Id, parsed.Summary, now, cancellationToken).ConfigureAwait(false);
        var envelope = new MessageEnvelope(mailFrom, recipients.Select(r => r.ToLowerInvariant()).ToList(), null, principal.TokenId);
        var sentCopy = await store.AppendAsync(
            new NewMessage(
                Ids.New(Ids.Message, clock), account.Id, inbox.Id, sent.Id, MessageFlags.Seen, [], now, size, thread, blobKey,
                envelope, parsed.Summary, parsed.Structure, DeliveryKey: outboundId + ":sent"),
            cancellationToken).ConfigureAwait(false);

        var outbound = new OutboundEmail(
            outboundId, account.Id, inbox.Id, sentCopy.Id, parsed.Summary.MessageIdHeader, blobKey, mailFrom, envelope.Recipients,
            OutboundStatus.Queued, null, [new OutboundEvent(now, OutboundStatus.Queued, null)], 0, now, now, now, idempotencyKey);
        outbound = await store.CreateOutboundAsync(outbound, cancellationToken).ConfigureAwait(false);
        notifier?.Publish(inbox.Id);
        relaySignal?.Notify();
        return new SubmitResult(outbound, sentCopy, decision);
    }

    /// <summary>
    /// The folder with the Sent special use (RFC 6154), wherever a client renamed it: one read when it is still called
    /// "Sent", a listing of the inbox's folders otherwise.
    /// </summary>
    private async Task<Folder?> FindSentAsync(string inboxId, CancellationToken cancellationToken)
    {
        var byName = await store.FindFolderAsync(inboxId, "Sent", cancellationToken).ConfigureAwait(false);
        if (byName?.SpecialUse == SpecialUse.Sent)
        {
            return byName;
        }

        var folders = await store.ListFoldersAsync(inboxId, cancellationToken).ConfigureAwait(false);
        return folders.FirstOrDefault(f => f.SpecialUse == SpecialUse.Sent);
    }
}
