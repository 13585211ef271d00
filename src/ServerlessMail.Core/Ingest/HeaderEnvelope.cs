namespace ServerlessMail.Core;

/// <summary>
/// The envelope of a raw message that was stored without one: an SES receipt rule writes only the message to S3, so
/// its RCPT TO is lost. The recipients are then the <c>To:</c> and <c>Cc:</c> addresses (RFC 5322 §3.6.3) that name a
/// hosted inbox, and the reverse path is the <c>Return-Path:</c> SES adds (RFC 5321 §4.4), else empty. A Bcc
/// recipient is not in the headers and cannot be recovered this way; a receipt rule that must reach Bcc recipients
/// should go through the SMTP edge instead, whose accepted record keeps the real envelope.
/// </summary>
public sealed class HeaderEnvelope(IBlobStore blobs, RecipientResolver resolver)
{
    public async Task<MessageEnvelope> ReadAsync(string blobKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobKey);
        ParsedMail parsed;
        await using (var raw = await SeekableBlob.OpenAsync(blobs, blobKey, cancellationToken).ConfigureAwait(false))
        {
            parsed = MessageSummarizer.Parse(raw);
        }

        var recipients = new List<string>();
        foreach (var address in parsed.Summary.To.Concat(parsed.Summary.Cc).Select(a => a.Address.ToLowerInvariant()).Distinct(StringComparer.Ordinal))
        {
            var resolved = await resolver.ResolveAsync(address, cancellationToken).ConfigureAwait(false);
            if (resolved.Kind == RecipientKind.Hosted)
            {
                recipients.Add(address);
            }
        }

        var returnPath = parsed.Message.Headers.GetValue("Return-Path")?.Trim().Trim('<', '>').Trim() ?? string.Empty;
        return new MessageEnvelope(returnPath, recipients);
    }
}
