using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ServerlessMail.Core;

namespace ServerlessMail.Relay.Smtp;

/// <summary>One mail transaction: MAIL, RCPT for each recipient, DATA streamed with dot-stuffing (RFC 5321 §3.3).</summary>
internal sealed partial class SmarthostSession
{
    private const int ChunkSize = 16 * 1024;

    public async Task<RelayResult> SendAsync(RelayMessage message, CancellationToken cancellationToken)
    {
        if (_capabilities.MaxSize is { } limit && message.Size > limit)
        {
            return new RelayPermanentFailure(Invariant($"552 5.3.4 The message ({message.Size} bytes) exceeds the smarthost's SIZE limit ({limit})."));
        }

        var utf8 = !Ascii.IsValid(message.MailFrom) || message.Recipients.Any(r => !Ascii.IsValid(r));
        if (utf8 && !_capabilities.SmtpUtf8)
        {
            return new RelayPermanentFailure("553 5.6.7 Non-ASCII addresses need SMTPUTF8, which the smarthost does not offer (RFC 6531).");
        }

        var mail = new StringBuilder("MAIL FROM:<").Append(message.MailFrom).Append('>');
        if (_capabilities.MaxSize is not null)
        {
            mail.Append(CultureInfo.InvariantCulture, $" SIZE={message.Size}");
        }

        if (_capabilities.EightBitMime)
        {
            // RFC 6152: declaring 8BITMIME is right for 7-bit content too, and we do not scan the body to know.
            mail.Append(" BODY=8BITMIME");
        }

        if (utf8)
        {
            mail.Append(" SMTPUTF8");
        }

        Expect("MAIL FROM", await CommandAsync(mail.ToString(), cancellationToken).ConfigureAwait(false), 250, aboutMessage: true);
        var refused = new List<(string Recipient, SmtpReply Reply)>();
        foreach (var recipient in message.Recipients)
        {
            var reply = await CommandAsync("RCPT TO:<" + recipient + ">", cancellationToken).ConfigureAwait(false);
            if (reply.IsTransient)
            {
                // Retrying later must not send twice to those accepted now, so the whole message waits.
                throw new SmtpRejectedException("RCPT TO <" + recipient + ">", reply, aboutMessage: true);
            }

            if (!reply.IsPositive)
            {
                refused.Add((recipient, reply));
            }
        }

        var refusals = string.Join("; ", refused.Select(r => $"<{r.Recipient}>: {r.Reply}"));
        if (refused.Count == message.Recipients.Count)
        {
            return new RelayPermanentFailure("RCPT TO refused: " + refusals, RecipientsRefused: true);
        }

        // A 5xx to DATA, or after the content, refuses it for every recipient the RCPTs left: a bounce. MAIL FROM's
        // refusal is not one; it says our sender or our configuration is wrong (SmarthostRelay maps it to failed).
        var data = await CommandAsync("DATA", cancellationToken).ConfigureAwait(false);
        if (Bounced("DATA", data, refusals) is { } refusedData)
        {
            return refusedData;
        }

        Expect("DATA", data, 354, aboutMessage: true);
        await WriteContentAsync(message, cancellationToken).ConfigureAwait(false);
        var final = await _connection.ReadReplyAsync(_options.DataTimeout, cancellationToken).ConfigureAwait(false);
        if (Bounced("end of DATA", final, refusals) is { } refusedContent)
        {
            return refusedContent;
        }

        Expect("end of DATA", final, 250, aboutMessage: true);
        return new RelaySent(ProviderId(final), refused.Count == 0 ? null : "refused by the smarthost: " + refusals);
    }

    private async Task WriteContentAsync(RelayMessage message, CancellationToken cancellationToken)
    {
        var stuffer = new DotStuffer();
        var input = new byte[ChunkSize];
        var output = new byte[DotStuffer.MaxOutput(ChunkSize)];
        var content = await message.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            int read;
            while ((read = await content.ReadAsync(input, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var written = stuffer.Stuff(input.AsSpan(0, read), output);
                await _connection.WriteAsync(output.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
            }
        }

        // RFC 5321 §4.1.1.4: the end marker is CRLF "." CRLF, so content not ending in CRLF gets one first.
        var end = stuffer.EndsWithLineBreak ? ".\r\n"u8.ToArray() : "\r\n.\r\n"u8.ToArray();
        await _connection.WriteAsync(end, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The queue id from "250 2.0.0 Ok: queued as 4F3C2" (Postfix, Exim, most others), else the reply text.</summary>
    private static string ProviderId(SmtpReply reply)
    {
        var text = string.Join(" ", reply.Lines);
        var match = QueuedAs().Match(text);
        var id = match.Success ? match.Groups[1].Value : text.Trim();
        return id.Length <= 200 ? id : id[..200];
    }

    private static RelayPermanentFailure? Bounced(string stage, SmtpReply reply, string refusals) =>
        reply.Code >= 500
            ? new RelayPermanentFailure($"{stage}: {reply}" + (refusals.Length == 0 ? "" : "; RCPT TO refused: " + refusals), RecipientsRefused: true)
            : null;

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"queued as\s+<?([^\s>]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueuedAs();
}
