namespace ServerlessMail.Core;

/// <summary>What a client appends: the folder, the flags and keywords it asks for, and an optional internal date.</summary>
/// <param name="AppendedBy">The token id of the caller, kept in the envelope as who handed the message over.</param>
/// <param name="IdempotencyKey">With a key the message id is derived from it (see <see cref="Idempotency"/>): a retry finds the first append's message.</param>
public sealed record AppendRequest(
    Inbox Inbox,
    Folder Folder,
    MessageFlags Flags,
    IReadOnlyList<string> Keywords,
    DateTimeOffset? InternalDate,
    string? AppendedBy,
    string? RemoteIp = null,
    string? IdempotencyKey = null);

/// <summary>
/// Stores a message a client hands over as it is (IMAP APPEND, the REST API's raw append): the raw bytes durably
/// first, then the parsed summary, thread and structure, appended with the next UID under the inbox's storage quota.
/// The permission to do so is the caller's decision (IMAP lets a token without send append to Drafts). A refusal or a
/// fault leaves no blob behind.
/// </summary>
public sealed class MessageAppendService(
    IMailStore store,
    IBlobStore blobs,
    ThreadResolver threads,
    TimeProvider clock,
    MailboxNotifier? notifier = null)
{
    public async Task<StoredMessage> AppendAsync(AppendRequest request, Stream raw, CancellationToken cancellationToken = default) =>
        (await AppendOnceAsync(request, raw, cancellationToken).ConfigureAwait(false)).Message;

    /// <summary>
    /// Appends, or with <see cref="AppendRequest.IdempotencyKey"/> finds the message an earlier attempt under the key
    /// stored (<c>Existed</c>; <paramref name="raw"/> is then left unread, for the caller to compare with it).
    /// </summary>
    public async Task<(StoredMessage Message, bool Existed)> AppendOnceAsync(AppendRequest request, Stream raw, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(raw);
        var inbox = request.Inbox;
        var key = request.IdempotencyKey;
        var id = key is null ? Ids.New(Ids.Message, clock) : Idempotency.IdFor(Ids.Message, inbox.AccountId, key);
        if (key is not null && await Idempotency.FindAsync(id, store.GetMessageAsync, inbox.AccountId, m => m.AccountId, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return (found, true);
        }

        if (request.Folder.InboxId != inbox.Id)
        {
            throw new MailStoreException(MailStoreError.InvalidArgument, "The folder belongs to another inbox.");
        }

        var account = await store.GetAccountAsync(inbox.AccountId, cancellationToken).ConfigureAwait(false)
            ?? throw MailStoreException.NotFound("The account");
        var now = clock.GetUtcNow();

        // The blob is named by a fresh id, not the message's: two racing attempts under one key never share a blob.
        var blobKey = BlobKeys.Appended(key is null ? id : Ids.New(Ids.Message, clock), now);
        var size = await blobs.PutAsync(blobKey, raw, cancellationToken).ConfigureAwait(false);
        StoredMessage stored;
        try
        {
            ParsedMail parsed;
            await using (var content = await SeekableBlob.OpenAsync(blobs, blobKey, cancellationToken).ConfigureAwait(false))
            {
                parsed = MessageSummarizer.Parse(content);
            }

            var date = request.InternalDate ?? now;
            var thread = await threads.ResolveAsync(account.Id, parsed.Summary, date, cancellationToken).ConfigureAwait(false);
            var recipients = parsed.Summary.To.Concat(parsed.Summary.Cc).Select(a => a.Address.ToLowerInvariant()).ToList();
            var envelope = new MessageEnvelope(parsed.Summary.From.Count > 0 ? parsed.Summary.From[0].Address : "", recipients, request.RemoteIp, request.AppendedBy);
            stored = await store.AppendAsync(
                new NewMessage(
                    id, account.Id, inbox.Id, request.Folder.Id, request.Flags, request.Keywords, date, size, thread, blobKey,
                    envelope, parsed.Summary, parsed.Structure, DeliveryKey: null, QuotaService.StorageLimitFor(account, inbox)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (MailStoreException exception) when (exception.Error == MailStoreError.Conflict && key is not null)
        {
            await blobs.DeleteAsync(blobKey, CancellationToken.None).ConfigureAwait(false);
            var winner = await Idempotency.FindAsync(id, store.GetMessageAsync, inbox.AccountId, m => m.AccountId, cancellationToken).ConfigureAwait(false);
            if (winner is null)
            {
                throw;
            }

            return (winner, true);
        }
        catch
        {
            await blobs.DeleteAsync(blobKey, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        notifier?.Publish(inbox.Id);
        return (stored, false);
    }
}
