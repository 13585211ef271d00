using System.Globalization;

namespace ServerlessMail.Core;

/// <summary>
/// The ingest path every edge uses. <see cref="AcceptAsync"/> makes a message durable (blob, then an accepted record)
/// and only then returns: the SMTP 250 and the S3-triggered Lambda rely on that point. <see cref="DeliverAsync"/>
/// parses it once and appends it to each hosted recipient's INBOX, idempotently, so a replay never duplicates.
/// </summary>
public sealed class MailIngestService(
    IMailStore store,
    IBlobStore blobs,
    RecipientResolver resolver,
    ThreadResolver threads,
    DeliverySignal signal,
    TimeProvider clock,
    MailboxNotifier? notifier = null)
{
    /// <summary>Attempts before an undeliverable message is marked failed (about two days with the backoff below).</summary>
    public const int MaxAttempts = 20;

    public async Task<AcceptedMessage> AcceptAsync(Stream raw, MessageEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(envelope);
        var now = clock.GetUtcNow();
        var id = Ids.New(Ids.Accepted, clock);
        var key = BlobKeys.Raw(id, now);
        var size = await blobs.PutAsync(key, raw, cancellationToken).ConfigureAwait(false);
        var accepted = new AcceptedMessage(id, key, size, envelope, now, IngestState.Accepted, 0, now, null);
        await store.AddAcceptedAsync(accepted, cancellationToken).ConfigureAwait(false);
        signal.Notify();
        return accepted;
    }

    /// <summary>
    /// Registers a blob that is already durable (an S3 object written by the edge or by an SES receipt rule) as
    /// accepted, under an id derived from its key, so a repeated S3 event finds the same record.
    /// </summary>
    public async Task<AcceptedMessage> AcceptStoredAsync(string blobKey, long size, MessageEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobKey);
        ArgumentNullException.ThrowIfNull(envelope);
        var id = BlobKeys.AcceptedIdFor(blobKey);
        var existing = await store.GetAcceptedAsync(id, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        var now = clock.GetUtcNow();
        var accepted = new AcceptedMessage(id, blobKey, size, envelope, now, IngestState.Accepted, 0, now, null);
        await store.AddAcceptedAsync(accepted, cancellationToken).ConfigureAwait(false);
        return accepted;
    }

    public async Task<DeliveryResult> DeliverAsync(string acceptedId, CancellationToken cancellationToken = default)
    {
        var accepted = await store.GetAcceptedAsync(acceptedId, cancellationToken).ConfigureAwait(false)
            ?? throw MailStoreException.NotFound("The accepted message");
        if (accepted.State != IngestState.Accepted)
        {
            return new DeliveryResult(accepted, []);
        }

        var targets = await ResolveTargetsAsync(accepted.Envelope.Recipients, cancellationToken).ConfigureAwait(false);
        var results = new List<RecipientDelivery>(accepted.Envelope.Recipients.Count);
        results.AddRange(targets.Skipped);
        if (targets.Inboxes.Count > 0)
        {
            ParsedMail parsed;
            await using (var raw = await SeekableBlob.OpenAsync(blobs, accepted.BlobKey, cancellationToken).ConfigureAwait(false))
            {
                parsed = MessageSummarizer.Parse(raw);
            }

            var accounts = new Dictionary<string, (Account Account, string Thread)>(StringComparer.Ordinal);
            foreach (var (recipient, inbox) in targets.Inboxes)
            {
                results.Add(await DeliverToAsync(accepted, parsed, recipient, inbox, accounts, cancellationToken).ConfigureAwait(false));
            }
        }

        var pending = results.Any(r => r.Outcome == RecipientOutcome.OverQuota);
        var attempts = accepted.Attempts + 1;
        var updated = accepted with
        {
            Attempts = attempts,
            State = !pending ? IngestState.Delivered : attempts >= MaxAttempts ? IngestState.Failed : IngestState.Accepted,
            NextAttemptAt = clock.GetUtcNow() + Backoff(attempts),
            LastError = pending ? "mailbox over its storage quota" : null,
        };
        await store.UpdateAcceptedAsync(updated, cancellationToken).ConfigureAwait(false);
        return new DeliveryResult(updated, results);
    }

    /// <summary>30 s, doubling, capped at 4 h.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Max(0, attempts - 1)), TimeSpan.FromHours(4).TotalSeconds));

    private async Task<RecipientDelivery> DeliverToAsync(
        AcceptedMessage accepted,
        ParsedMail parsed,
        string recipient,
        Inbox inbox,
        Dictionary<string, (Account Account, string Thread)> accounts,
        CancellationToken cancellationToken)
    {
        if (!accounts.TryGetValue(inbox.AccountId, out var context))
        {
            var account = await store.GetAccountAsync(inbox.AccountId, cancellationToken).ConfigureAwait(false)
                ?? throw MailStoreException.NotFound("The inbox's account");
            var thread = await threads.ResolveAsync(account.Id, parsed.Summary, accepted.AcceptedAt, cancellationToken).ConfigureAwait(false);
            context = (account, thread);
            accounts[inbox.AccountId] = context;
        }

        var folder = await store.FindFolderAsync(inbox.Id, Folder.InboxName, cancellationToken).ConfigureAwait(false)
            ?? throw MailStoreException.NotFound("The INBOX folder");
        var message = new NewMessage(
            Ids.New(Ids.Message, clock), inbox.AccountId, inbox.Id, folder.Id, MessageFlags.None, [], accepted.AcceptedAt,
            accepted.Size, context.Thread, accepted.BlobKey, accepted.Envelope, parsed.Summary, parsed.Structure,
            DeliveryKey: accepted.Id + ":" + inbox.Id, QuotaService.StorageLimitFor(context.Account, inbox));
        try
        {
            var stored = await store.AppendAsync(message, cancellationToken).ConfigureAwait(false);
            notifier?.Publish(inbox.Id);
            return new RecipientDelivery(recipient, RecipientOutcome.Delivered, inbox.Id, stored.Id);
        }
        catch (MailStoreException exception) when (exception.Error == MailStoreError.OverQuota)
        {
            return new RecipientDelivery(recipient, RecipientOutcome.OverQuota, inbox.Id, null);
        }
    }

    private async Task<(List<(string Recipient, Inbox Inbox)> Inboxes, List<RecipientDelivery> Skipped)> ResolveTargetsAsync(
        IReadOnlyList<string> recipients,
        CancellationToken cancellationToken)
    {
        var inboxes = new List<(string, Inbox)>();
        var skipped = new List<RecipientDelivery>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recipient in recipients)
        {
            var resolved = await resolver.ResolveAsync(recipient, cancellationToken).ConfigureAwait(false);
            if (resolved.Inbox is null)
            {
                skipped.Add(new RecipientDelivery(recipient, RecipientOutcome.Skipped, null, null));
            }
            else if (seen.Add(resolved.Inbox.Id))
            {
                // Two recipients reaching one inbox (a+x@ and a+y@) deliver one copy.
                inboxes.Add((recipient, resolved.Inbox));
            }
        }

        return (inboxes, skipped);
    }

    /// <summary>The parser needs random access; blob streams (S3 responses) may not seek, so those are spooled first.</summary>
}

/// <summary>Where raw messages live in the blob store. The layout is shared by the local and the AWS store.</summary>
public static class BlobKeys
{
    public const string RawPrefix = "raw/";
    public const string OutboundPrefix = "outbound/";

    /// <summary>Messages a client stored itself (IMAP APPEND, the REST API's append): never under the ingest prefix.</summary>
    public const string AppendedPrefix = "appended/";

    public static string Raw(string acceptedId, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{RawPrefix}{at:yyyy/MM/dd}/{acceptedId}.eml");

    public static string Outbound(string outboundId, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{OutboundPrefix}{at:yyyy/MM/dd}/{outboundId}.eml");

    public static string Appended(string messageId, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{AppendedPrefix}{at:yyyy/MM/dd}/{messageId}.eml");

    /// <summary>The accepted id of a raw blob: its file name for keys we wrote, a hash of the key for others (SES).</summary>
    public static string AcceptedIdFor(string blobKey)
    {
        ArgumentNullException.ThrowIfNull(blobKey);
        var name = Path.GetFileNameWithoutExtension(blobKey);
        return Ids.IsWellFormed(name, Ids.Accepted) ? name : Ids.FromKey(Ids.Accepted, blobKey);
    }
}
