namespace ServerlessMail.Core;

/// <summary>
/// Writes an outbound message's copy in the sender's Sent folder, under the id its <see cref="OutboundEmail"/> record
/// already names (<see cref="OutboundEmail.SentMessageId"/>) and the delivery key <c>outboundId:sent</c>, so writing
/// it again (a retried submission, or the relay worker repairing a submission that died after recording the message)
/// never makes a second copy or charges its bytes twice. The copy is held to the inbox's and the account's
/// stored-bytes limits: over them, <see cref="MailStoreError.OverQuota"/>.
/// </summary>
public sealed class SentCopyWriter(IMailStore store, IBlobStore blobs, ThreadResolver threads)
{
    public static string DeliveryKey(string outboundId) => outboundId + ":sent";

    /// <summary>
    /// The Sent copy of <paramref name="outbound"/>, written now when it is missing (re-reading the raw message);
    /// the one already stored otherwise. This is the repair for a submission interrupted between its steps.
    /// </summary>
    public async Task<StoredMessage> EnsureAsync(OutboundEmail outbound, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        if (await store.GetMessageAsync(outbound.SentMessageId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var account = await store.GetAccountAsync(outbound.AccountId, cancellationToken).ConfigureAwait(false)
            ?? throw MailStoreException.NotFound("The account");
        var inbox = await store.GetInboxAsync(outbound.InboxId, cancellationToken).ConfigureAwait(false)
            ?? throw MailStoreException.NotFound("The inbox");
        ParsedMail parsed;
        long size;
        await using (var raw = await SeekableBlob.OpenAsync(blobs, outbound.BlobKey, cancellationToken).ConfigureAwait(false))
        {
            size = raw.Length;
            parsed = MessageSummarizer.Parse(raw);
        }

        // The token that submitted it is not on the record; the repaired copy says who sent it only by its envelope.
        return await WriteAsync(outbound, account, inbox, parsed, size, authenticatedAs: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends the Sent copy from a message just parsed (the submission's own step).</summary>
    public async Task<StoredMessage> WriteAsync(
        OutboundEmail outbound,
        Account account,
        Inbox inbox,
        ParsedMail parsed,
        long size,
        string? authenticatedAs,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        ArgumentNullException.ThrowIfNull(parsed);
        var sent = await FindSentAsync(outbound.InboxId, cancellationToken).ConfigureAwait(false)
            ?? throw MailStoreException.NotFound("The Sent folder");
        var thread = await threads.ResolveAsync(outbound.AccountId, parsed.Summary, outbound.CreatedAt, cancellationToken).ConfigureAwait(false);
        var envelope = new MessageEnvelope(outbound.MailFrom, outbound.Recipients, null, authenticatedAs);
        return await store.AppendAsync(
            new NewMessage(
                outbound.SentMessageId, outbound.AccountId, outbound.InboxId, sent.Id, MessageFlags.Seen, [], outbound.CreatedAt, size,
                thread, outbound.BlobKey, envelope, parsed.Summary, parsed.Structure, DeliveryKey(outbound.Id),
                QuotaService.StorageLimitFor(account, inbox)),
            cancellationToken).ConfigureAwait(false);
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
