using System.Text;
using ServerlessMail.Api.Contracts;
using ServerlessMail.Core;
using ServerlessMail.Mime;

namespace ServerlessMail.Api.Messages;

/// <summary>
/// Reads a stored message for <c>GET /v1/messages/{id}</c>: parses its blob once (bounded by
/// <see cref="MimeParserOptions"/>) for the full header and the bodies; listings never come here.
/// </summary>
internal sealed class MessageReader(ApiServices services)
{
    /// <summary>Header fields returned; a message with more (a spam tactic) is flagged as truncated.</summary>
    public const int MaxHeaders = 500;

    public async Task<MessageBody> ReadAsync(StoredMessage message, int maxTextBytes, CancellationToken cancellationToken)
    {
        var folder = await services.Store.GetFolderAsync(message.FolderId, cancellationToken).ConfigureAwait(false);
        await using var blob = await SeekableBlob.OpenAsync(services.Blobs, message.BlobKey, cancellationToken).ConfigureAwait(false);
        var parsed = MimeParser.Parse(blob);
        var headers = parsed.Headers.Take(MaxHeaders).Select(h => new HeaderBody(h.Name, h.DecodedValue)).ToList();
        var (text, textCut) = Cut(parsed.GetTextBody(), maxTextBytes);
        var (html, htmlCut) = Cut(parsed.GetHtmlBody(), maxTextBytes);
        var summary = message.Summary;
        return new MessageBody(
            message.Id, message.InboxId, message.FolderId, folder?.Name ?? "", message.ThreadId, message.Uid, summary.Subject,
            summary.MessageIdHeader, summary.InReplyTo, summary.References, AddressBody.Of(summary.From), AddressBody.Of(summary.To),
            AddressBody.Of(summary.Cc), AddressBody.Of(summary.Bcc), AddressBody.Of(summary.ReplyTo), summary.Date, message.InternalDate,
            FlagNames.Of(message.Flags, message.Keywords), message.Size, headers, parsed.Headers.Count > MaxHeaders,
            text, textCut, html, htmlCut,
            parsed.Attachments.Select(a => new AttachmentBody(a.Id, a.FileName, a.SafeFileName, a.ContentType, a.Disposition, a.ContentId, a.EncodedSize)).ToList());
    }

    /// <summary>
    /// Decodes one attachment (by its IMAP part number) into a temporary file, so a large part never sits on the heap
    /// and the response is written asynchronously. Null when the message has no such attachment.
    /// </summary>
    public async Task<(Stream Content, MimeAttachment Attachment)?> OpenAttachmentAsync(StoredMessage message, string attachmentId, CancellationToken cancellationToken)
    {
        var blob = await SeekableBlob.OpenAsync(services.Blobs, message.BlobKey, cancellationToken).ConfigureAwait(false);
        await using (blob.ConfigureAwait(false))
        {
            var parsed = MimeStructureCodec.Deserialize(message.Structure.Span, new StreamMimeSource(blob));
            var attachment = parsed.Attachments.FirstOrDefault(a => string.Equals(a.Id, attachmentId, StringComparison.Ordinal));
            if (attachment is null)
            {
                return null;
            }

            var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            attachment.CopyContentTo(spool);
            spool.Position = 0;
            return (spool, attachment);
        }
    }

    /// <summary>Cuts at <paramref name="maxBytes"/> UTF-8 octets without splitting a character (or a surrogate pair).</summary>
    internal static (string? Text, bool Truncated) Cut(string? text, int maxBytes)
    {
        if (text is null || Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return (text, false);
        }

        var bytes = 0;
        var end = 0;
        while (end < text.Length)
        {
            var width = char.IsHighSurrogate(text[end]) && end + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(end, width));
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            end += width;
        }

        return (text[..end], true);
    }
}
