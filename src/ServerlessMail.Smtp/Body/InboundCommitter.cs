using ServerlessMail.Core;

namespace ServerlessMail.Smtp;

/// <summary>Inbound mail goes into the ingest path. Core's accept returns only once the message is durable.</summary>
internal sealed class InboundCommitter(MailIngestService ingest)
{
    public async Task<CommitOutcome> CommitAsync(SmtpSession session, Stream content, MessageDraft draft)
    {
        var envelope = new MessageEnvelope(
            draft.MailFrom,
            draft.Recipients,
            draft.RemoteAddress.ToString(),
            AuthenticatedAs: null,
            draft.Helo);
        try
        {
            var raw = new PrefixedStream(draft.Received, content);
            await using (raw.ConfigureAwait(false))
            {
                var accepted = await ingest.AcceptAsync(raw, envelope, session.Cancellation).ConfigureAwait(false);
                return new CommitOutcome(SmtpReplies.Queued(accepted.Id));
            }
        }
        catch (Exception exception) when (!ContentRejectedException.IsFromClient(exception) && exception is not OperationCanceledException)
        {
            // A 250 promises the message is stored; anything else the store did is a temporary failure (451).
            SmtpLog.StorageFault(session.Logger, session.Id, exception);
            return new CommitOutcome(SmtpReplies.For(SmtpRejection.StorageFault));
        }
    }
}
