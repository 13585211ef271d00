using ServerlessMail.Api.Contracts;
using ServerlessMail.Api.Http;
using ServerlessMail.Core;
using ServerlessMail.Mime;

namespace ServerlessMail.Api.Messages;

/// <summary>A composed message, its envelope recipients, and the message it replies to or forwards.</summary>
internal sealed record ComposedMail(byte[] Raw, IReadOnlyList<string> Recipients, StoredMessage? Original, bool IsForward);

/// <summary>
/// Turns a send request into an RFC 5322 message with ServerlessMail.Mime's <see cref="MessageBuilder"/>: a new
/// message, or a reply/forward started from the referenced original (In-Reply-To, References, Re:/Fwd:, the quote or
/// the original attached). Every value the builder refuses (CR/LF in a header, a bad address) is a 400.
/// </summary>
internal sealed class Composer(ApiServices services, Scope scope, ApiOptions options)
{
    public async Task<ComposedMail> ComposeAsync(Principal principal, Inbox inbox, SendRequest request, CancellationToken cancellationToken)
    {
        var from = new MailboxAddress(inbox.DisplayName, inbox.LocalPart, inbox.Domain);
        var to = Parse(request.To, "to");
        MessageBuilder builder;
        StoredMessage? original = null;
        var isForward = false;
        try
        {
            if (request.Reference is { } reference)
            {
                (original, _) = await scope.MessageAsync(principal, reference.MessageId, cancellationToken).ConfigureAwait(false);
                await using var blob = await SeekableBlob.OpenAsync(services.Blobs, original.BlobKey, cancellationToken).ConfigureAwait(false);
                var parsed = MimeParser.Parse(blob);
                isForward = string.Equals(reference.Action, "forward", StringComparison.OrdinalIgnoreCase);
                builder = reference.Action switch
                {
                    "reply" => MessageBuilder.CreateReply(parsed, from, replyAll: false, request.Text, request.Html),
                    "replyAll" => MessageBuilder.CreateReply(parsed, from, replyAll: true, request.Text, request.Html),
                    "forward" => MessageBuilder.CreateForward(parsed, from, to, ForwardMode.Attachment, request.Text, request.Html),
                    _ => throw ApiProblem.BadRequest("reference.action must be reply, replyAll or forward."),
                };
            }
            else
            {
                builder = new MessageBuilder { From = from, TextBody = request.Text ?? (request.Html is null ? string.Empty : null), HtmlBody = request.Html };
            }

            Fill(builder, request, to, isForward);
        }
        catch (ArgumentException exception)
        {
            throw ApiProblem.BadRequest(exception.Message);
        }

        var recipients = builder.To.Concat(builder.Cc).Concat(builder.Bcc)
            .Select(m => m.Address.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (recipients.Count == 0)
        {
            throw ApiProblem.BadRequest("A message needs at least one recipient in to, cc or bcc.");
        }

        var raw = builder.ToArray();
        return raw.Length > options.MaxMessageBytes
            ? throw ApiProblem.TooLarge($"The composed message is {raw.Length} octets; at most {options.MaxMessageBytes} are sent.")
            : new ComposedMail(raw, recipients, original, isForward);
    }

    private static void Fill(MessageBuilder builder, SendRequest request, List<MailboxAddress> to, bool isForward)
    {
        if (!isForward)
        {
            AddMissing(builder.To, to);
        }

        AddMissing(builder.Cc, Parse(request.Cc, "cc"));
        AddMissing(builder.Bcc, Parse(request.Bcc, "bcc"));
        if (request.ReplyTo is not null)
        {
            builder.ReplyTo.Add(Parse([request.ReplyTo], "replyTo")[0]);
        }

        if (request.Subject is not null)
        {
            builder.Subject = request.Subject;
        }

        foreach (var attachment in request.Attachments ?? [])
        {
            if (string.IsNullOrEmpty(attachment?.FileName) || string.IsNullOrEmpty(attachment.ContentType) || attachment.ContentBase64 is null)
            {
                throw ApiProblem.BadRequest("Every attachment needs fileName, contentType and contentBase64.");
            }

            byte[] content;
            try
            {
                content = Convert.FromBase64String(attachment.ContentBase64);
            }
            catch (FormatException)
            {
                throw ApiProblem.BadRequest($"The attachment '{attachment.FileName}' is not valid base64.");
            }

            builder.AddAttachment(attachment.FileName, attachment.ContentType, content);
        }

        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            builder.AddHeader(name, value ?? throw ApiProblem.BadRequest($"The header '{name}' has no value."));
        }
    }

    private static void AddMissing(IList<MailboxAddress> list, List<MailboxAddress> addresses)
    {
        foreach (var address in addresses)
        {
            if (!list.Any(m => string.Equals(m.Address, address.Address, StringComparison.OrdinalIgnoreCase)))
            {
                list.Add(address);
            }
        }
    }

    private static List<MailboxAddress> Parse(IReadOnlyList<string>? values, string field)
    {
        var parsed = new List<MailboxAddress>();
        foreach (var value in values ?? [])
        {
            if (!AddressParser.TryParseMailbox(value ?? "", out var mailbox))
            {
                throw ApiProblem.BadRequest($"'{value}' in {field} is not an email address.");
            }

            parsed.Add(mailbox);
        }

        return parsed.Count > OutboundService.MaxRecipients
            ? throw ApiProblem.BadRequest($"{field} lists more than {OutboundService.MaxRecipients} addresses.")
            : parsed;
    }
}
