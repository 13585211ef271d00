using System.Security.Cryptography;
using ServerlessMail.Mime;

namespace ServerlessMail.Cli.Mime;

/// <summary>Maps a parsed message to the JSON contract of <c>mime parse</c>.</summary>
internal static class ParsedMessageMapper
{
    public static ParsedMessageJson Map(MimeMessage message)
    {
        // MimeEntity has reference equality; the first number in document order is the part's address.
        var numbers = new Dictionary<MimeEntity, string>();
        foreach (var (entity, number) in MimePartNumbers.Enumerate(message.Root))
        {
            numbers.TryAdd(entity, number);
        }

        return new ParsedMessageJson(
            message.MessageId,
            message.Subject,
            Addresses(message.From),
            Addresses(message.To),
            Addresses(message.Cc),
            Addresses(message.Bcc),
            Addresses(message.ReplyTo),
            message.Date,
            message.InReplyTo.Count > 0 ? message.InReplyTo[0] : null,
            message.References,
            message.GetTextBody(),
            message.GetHtmlBody(),
            message.Attachments.Select(Attachment).ToList(),
            Part(message.Root, numbers));
    }

    private static List<AddressJson> Addresses(IReadOnlyList<InternetAddress> addresses)
    {
        var result = new List<AddressJson>();
        foreach (var address in addresses)
        {
            switch (address)
            {
                case MailboxAddress mailbox:
                    result.Add(new AddressJson(mailbox.Name, mailbox.Address, null, null));
                    break;
                case GroupAddress group:
                    foreach (var member in group.Members)
                    {
                        result.Add(member is MailboxAddress m
                            ? new AddressJson(m.Name, m.Address, group.Name ?? string.Empty, null)
                            : new AddressJson(null, null, group.Name ?? string.Empty, member.ToString()));
                    }

                    break;
                case InvalidAddress invalid:
                    result.Add(new AddressJson(null, null, null, invalid.Text));
                    break;
            }
        }

        return result;
    }

    private static AttachmentJson Attachment(MimeAttachment attachment)
    {
        using var sink = new HashingSink();
        attachment.CopyContentTo(sink);
        return new AttachmentJson(
            attachment.Id,
            attachment.FileName,
            attachment.SafeFileName,
            attachment.ContentType,
            attachment.Disposition,
            attachment.ContentId,
            sink.Length,
            sink.HexDigest());
    }

    private static PartJson Part(MimeEntity entity, Dictionary<MimeEntity, string> numbers)
    {
        var defects = entity.Defects == MimeDefects.None
            ? null
            : Enum.GetValues<MimeDefects>().Where(d => d != MimeDefects.None && entity.Defects.HasFlag(d)).Select(d => d.ToString()).ToList();

        return new PartJson(
            numbers[entity],
            entity.ContentType.MimeType,
            entity.ContentType.Charset,
            ContentEncodings.ToHeaderValue(entity.ContentTransferEncoding),
            entity.ContentDisposition?.Disposition,
            entity.ContentDisposition?.FileName ?? entity.ContentType.Name,
            entity.HeaderOffset,
            entity.BodyOffset,
            entity.EndOffset,
            entity.BodyLineCount,
            defects,
            entity.Preamble is { } p ? new RangeJson(p.Offset, p.Length) : null,
            entity.Epilogue is { } e ? new RangeJson(e.Offset, e.Length) : null,
            entity.Kind == MimeEntityKind.Multipart ? entity.Children.Select(c => Part(c, numbers)).ToList() : null,
            entity.EncapsulatedMessage is { } nested ? Part(nested, numbers) : null);
    }

    /// <summary>A write-only stream that counts and hashes what it is given, so attachments are hashed while streaming.</summary>
    private sealed class HashingSink : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public string HexDigest() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            _length += buffer.Length;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
