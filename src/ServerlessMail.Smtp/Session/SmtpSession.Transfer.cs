using Microsoft.Extensions.Logging;

namespace ServerlessMail.Smtp;

internal sealed partial class SmtpSession
{
    /// <summary>Starts a message into Core: the committer for this role begins reading the content as it arrives.</summary>
    public MessageUpload StartUpload(HeloInfo helo, MailTransaction mail, IReadOnlyList<string> recipients, bool dotStuffed)
    {
        var scanner = new BodyScanner(dotStuffed, Options.MaxTextLineLength, Options.MaxMessageSize);
        var draft = new MessageDraft(
            mail.ReversePath.Address,
            recipients,
            helo.Name,
            _connection.RemoteAddress,
            ReceivedHeader.Create(this, helo, mail),
            Authentication);
        Func<Stream, Task<CommitOutcome>> commit = IsSubmission
            ? content => Context.Submissions.CommitAsync(this, content, draft)
            : content => Context.Inbound.CommitAsync(this, content, draft);
        return new MessageUpload(scanner, commit);
    }

    /// <summary>
    /// Feeds a DATA block to the upload until its end marker, or <paramref name="count"/> octets of a BDAT chunk.
    /// False when the input ended first.
    /// </summary>
    public async ValueTask<bool> TransferAsync(MessageUpload upload, long? count)
    {
        var rate = new TransferRate(Options, Context.Clock);
        var remaining = count ?? long.MaxValue;
        var before = upload.Scanner.Size;
        while (count is null ? !upload.Scanner.Ended : remaining > 0)
        {
            var (timeout, onTimeout) = rate.Next();
            var result = await ReadAsync(timeout, onTimeout).ConfigureAwait(false);
            var buffer = result.Buffer.Length > remaining ? result.Buffer.Slice(0, remaining) : result.Buffer;
            if (buffer.IsEmpty && result.IsCompleted)
            {
                Input.AdvanceTo(result.Buffer.End);
                return false;
            }

            var consumed = await upload.WriteAsync(buffer).ConfigureAwait(false);
            Input.AdvanceTo(result.Buffer.GetPosition(consumed));
            rate.Add(consumed);
            remaining -= consumed;
        }

        if (Logger.IsEnabled(LogLevel.Debug))
        {
            SmtpLog.Content(Logger, Id, upload.Scanner.Size - before);
        }

        return true;
    }

    /// <summary>Reads past <paramref name="count"/> octets of a refused BDAT chunk. False when the input ended first.</summary>
    public async ValueTask<bool> DiscardAsync(long count)
    {
        var rate = new TransferRate(Options, Context.Clock);
        while (count > 0)
        {
            var (timeout, onTimeout) = rate.Next();
            var result = await ReadAsync(timeout, onTimeout).ConfigureAwait(false);
            var take = Math.Min(count, result.Buffer.Length);
            Input.AdvanceTo(result.Buffer.GetPosition(take));
            if (take == 0 && result.IsCompleted)
            {
                return false;
            }

            rate.Add(take);
            count -= take;
        }

        return true;
    }

    /// <summary>The reply for content refused while streaming.</summary>
    public static CommitOutcome RejectedContent(BodyRejection rejection) => new(SmtpReplies.For(rejection switch
    {
        BodyRejection.TooLarge => SmtpRejection.MessageTooLarge,
        BodyRejection.LineTooLong => SmtpRejection.TextLineTooLong,
        _ => SmtpRejection.BareLineEndingInContent,
    }));

    /// <summary>The state after a transaction ends, by commit, refusal or RSET: greeted, no transaction (RFC 5321 §4.1.1.5).</summary>
    public static SmtpState AfterTransaction(HeloInfo helo) => new ReadyState(helo);
}
