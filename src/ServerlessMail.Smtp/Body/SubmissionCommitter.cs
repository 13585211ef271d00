using ServerlessMail.Core;

namespace ServerlessMail.Smtp;

/// <summary>
/// Submitted mail goes into the outbound path (quota, raw message, Sent copy, queued OutboundEmail), exactly as a
/// REST send does. Before anything is committed the token is checked again (a revoked token's session ends here) and
/// the <c>From:</c> header is read and checked against the inbox.
/// </summary>
internal sealed class SubmissionCommitter(OutboundService outbound, TokenService tokens)
{
    public async Task<CommitOutcome> CommitAsync(SmtpSession session, Stream content, MessageDraft draft)
    {
        if (draft.Authentication is not { } auth)
        {
            return new CommitOutcome(SmtpReplies.For(SmtpRejection.AuthRequired));
        }

        try
        {
            var check = await tokens.CheckAsync(auth.Secret, session.Cancellation).ConfigureAwait(false);
            if (!check.IsValid)
            {
                return new CommitOutcome(SmtpReplies.CredentialsRevoked, Close: true);
            }

            var header = await HeaderBlock.ReadAsync(content, session.Options.MaxSubmissionHeaderBytes, session.Cancellation).ConfigureAwait(false);
            if (!SenderPolicy.FromHeaderAllowed(session.Options, auth.Inbox, header))
            {
                return new CommitOutcome(SmtpReplies.For(SmtpRejection.FromHeaderNotAllowed));
            }

            var raw = new PrefixedStream(draft.Received.Concat(header).ToArray(), content);
            await using (raw.ConfigureAwait(false))
            {
                var result = await outbound.SubmitAsync(
                    check.Principal!, auth.Inbox, raw, draft.MailFrom, draft.Recipients, idempotencyKey: null, session.Cancellation).ConfigureAwait(false);
                return result.Outbound is { } queued
                    ? new CommitOutcome(SmtpReplies.Queued(queued.Id))
                    : new CommitOutcome(SmtpReplies.QuotaExceeded(result.Quota));
            }
        }
        catch (MailStoreException suppressed) when (SuppressionService.RefusedAddresses(suppressed) is not null)
        {
            // RFC 3463 §3.2: X.1.1, the destination mailbox cannot take mail; the text names the suppression.
            return new CommitOutcome(new SmtpReply(550, "5.1.1", suppressed.Message));
        }
        catch (MailStoreException refused) when (refused.Error is MailStoreError.NotAllowed or MailStoreError.NotFound or MailStoreError.InvalidArgument)
        {
            // The token lost its send permission or its inbox, or Core refused the envelope: permanent, and not a fault.
            return new CommitOutcome(new SmtpReply(550, "5.7.1", $"Message refused: {refused.Message}"));
        }
        catch (Exception exception) when (!ContentRejectedException.IsFromClient(exception) && exception is not OperationCanceledException)
        {
            SmtpLog.StorageFault(session.Logger, session.Id, exception);
            return new CommitOutcome(SmtpReplies.For(SmtpRejection.StorageFault));
        }
    }
}
