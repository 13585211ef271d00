using System.Buffers;
using System.Text;

namespace ServerlessMail.Mime;

/// <summary>
/// A compact binary form of a parsed structure, for storing beside a message so that IMAP <c>BODYSTRUCTURE</c>,
/// <c>ENVELOPE</c> and section reads never parse the raw message again. It keeps every entity's offsets, line count,
/// kind and defects, and the header fields those answers need: the <c>Content-*</c> fields of every entity, plus the
/// RFC 5322 envelope fields of the top-level and each nested message. A decoded structure is a normal
/// <see cref="MimeMessage"/> whose <see cref="MimeEntity.Headers"/> hold only those fields.
/// </summary>
public static class MimeStructureCodec
{
    private const byte Version = 1;

    // One header value is capped when stored; an envelope field longer than this is pathological and is cut.
    private const int MaxStoredValue = 16 * 1024;

    private static readonly string[] EnvelopeFields =
    [
        HeaderNames.Date, HeaderNames.Subject, HeaderNames.From, HeaderNames.Sender, HeaderNames.ReplyTo,
        HeaderNames.To, HeaderNames.Cc, HeaderNames.Bcc, HeaderNames.InReplyTo, HeaderNames.MessageId, HeaderNames.References,
    ];

    public static byte[] Serialize(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writer = new ArrayBufferWriter<byte>(256);
        writer.GetSpan(1)[0] = Version;
        writer.Advance(1);
        WriteVarint(writer, (ulong)message.Length);
        WriteEntity(writer, message.Root);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Rebuilds the structure; <paramref name="source"/> (optional) is where content will be read from.</summary>
    public static MimeMessage Deserialize(ReadOnlySpan<byte> data, IMimeSource? source = null) => Deserialize(data, null, source);

    /// <summary>
    /// As <see cref="Deserialize(ReadOnlySpan{byte}, IMimeSource?)"/>, but the header values are slices of
    /// <paramref name="data"/>, not copies: for a caller (IMAP FETCH over many messages) whose structure bytes stay
    /// unchanged while the message is used.
    /// </summary>
    public static MimeMessage Deserialize(ReadOnlyMemory<byte> data, IMimeSource? source = null) => Deserialize(data.Span, data, source);

    private static MimeMessage Deserialize(ReadOnlySpan<byte> data, ReadOnlyMemory<byte>? shared, IMimeSource? source)
    {
        var reader = new Reader(data);
        if (reader.ReadByte() != Version)
        {
            throw new FormatException("Unknown MIME structure version.");
        }

        var length = (long)reader.ReadVarint();
        var root = ReadEntity(ref reader, shared, null, ContentType.Default);
        return new MimeMessage(root, source, length);
    }

    /// <summary>
    /// Only the top-level entity's stored header fields (its Content-* and envelope fields), without rebuilding the
    /// part tree or parsing a content type: what a search on From, Subject or Date reads of each of many messages.
    /// The values are slices of <paramref name="data"/>, not copies.
    /// </summary>
    public static HeaderList DeserializeTopHeaders(ReadOnlyMemory<byte> data)
    {
        var reader = new Reader(data.Span);
        if (reader.ReadByte() != Version)
        {
            throw new FormatException("Unknown MIME structure version.");
        }

        // Message length, then the root's kind, defects, encoding, four offsets and counts, preamble and epilogue.
        for (var i = 0; i < 8; i++)
        {
            reader.ReadVarint();
        }

        reader.ReadRange();
        reader.ReadRange();
        var headers = new Header[reader.ReadCount()];
        for (var i = 0; i < headers.Length; i++)
        {
            var name = HeaderNames.Intern(reader.ReadBytes());
            var (start, length) = reader.ReadSlice();
            headers[i] = new Header(name, data.Slice(start, length), (long)reader.ReadVarint());
        }

        return new HeaderList(headers);
    }

    private static bool IsMessageRoot(MimeEntity entity) => entity.Parent is null || entity.Parent.Kind == MimeEntityKind.Message;

    private static void WriteEntity(ArrayBufferWriter<byte> writer, MimeEntity entity)
    {
        WriteVarint(writer, (ulong)entity.Kind);
        WriteVarint(writer, (ulong)entity.Defects);
        WriteVarint(writer, (ulong)entity.ContentTransferEncoding);
        WriteVarint(writer, (ulong)entity.HeaderOffset);
        WriteVarint(writer, (ulong)entity.BodyOffset);
        WriteVarint(writer, (ulong)entity.EndOffset);
        WriteVarint(writer, (ulong)entity.BodyLineCount);
        WriteRange(writer, entity.Preamble);
        WriteRange(writer, entity.Epilogue);

        var kept = entity.Headers.Where(h => Keep(h, IsMessageRoot(entity))).ToList();
        WriteVarint(writer, (ulong)kept.Count);
        foreach (var header in kept)
        {
            WriteBytes(writer, Encoding.Latin1.GetBytes(header.Name));
            var value = header.RawValue.Span;
            WriteBytes(writer, value.Length > MaxStoredValue ? value[..MaxStoredValue] : value);
            WriteVarint(writer, (ulong)header.Offset);
        }

        WriteVarint(writer, (ulong)entity.Children.Count);
        foreach (var child in entity.Children)
        {
            WriteEntity(writer, child);
        }

        writer.GetSpan(1)[0] = entity.EncapsulatedMessage is null ? (byte)0 : (byte)1;
        writer.Advance(1);
        if (entity.EncapsulatedMessage is { } nested)
        {
            WriteEntity(writer, nested);
        }
    }

    private static MimeEntity ReadEntity(ref Reader reader, ReadOnlyMemory<byte>? shared, MimeEntity? parent, ContentType defaultType)
    {
        var kind = (MimeEntityKind)reader.ReadVarint();
        var defects = (MimeDefects)reader.ReadVarint();
        var encoding = (ContentEncoding)reader.ReadVarint();
        var entity = new MimeEntity(parent, (long)reader.ReadVarint())
        {
            Kind = kind,
            Defects = defects,
            ContentTransferEncoding = encoding,
            BodyOffset = (long)reader.ReadVarint(),
            EndOffset = (long)reader.ReadVarint(),
            BodyLineCount = (long)reader.ReadVarint(),
            Preamble = reader.ReadRange(),
            Epilogue = reader.ReadRange(),
        };

        var headers = new Header[reader.ReadCount()];
        for (var i = 0; i < headers.Length; i++)
        {
            var name = HeaderNames.Intern(reader.ReadBytes());
            var (start, length) = reader.ReadSlice();
            var value = shared is { } memory ? memory.Slice(start, length) : reader.Slice(start, length).ToArray();
            headers[i] = new Header(name, value, (long)reader.ReadVarint());
        }

        entity.Headers = new HeaderList(headers);
        var typeHeader = entity.Headers.Find(HeaderNames.ContentType);
        var parsed = typeHeader is null ? null : ContentType.Parse(typeHeader.RawValue.Span);
        entity.HasDefaultContentType = typeHeader is null;
        entity.ContentType = parsed is { IsValid: true } ? parsed : typeHeader is null ? defaultType : ContentType.Default;

        var childDefault = entity.ContentType.Is("multipart", "digest") ? ContentType.MessageRfc822 : ContentType.Default;
        var children = new MimeEntity[reader.ReadCount()];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = ReadEntity(ref reader, shared, entity, childDefault);
        }

        if (children.Length > 0)
        {
            entity.Children = children;
        }

        if (reader.ReadByte() == 1)
        {
            entity.EncapsulatedMessage = ReadEntity(ref reader, shared, entity, ContentType.Default);
        }

        return entity;
    }

    private static bool Keep(Header header, bool messageRoot)
    {
        if (header.IsInvalid)
        {
            return false;
        }

        if (header.Name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!messageRoot)
        {
            return false;
        }

        foreach (var field in EnvelopeFields)
        {
            if (header.Name.Equals(field, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteRange(ArrayBufferWriter<byte> writer, ByteRange? range)
    {
        if (range is not { } value)
        {
            WriteVarint(writer, 0);
            return;
        }

        WriteVarint(writer, (ulong)value.Length + 1);
        WriteVarint(writer, (ulong)value.Offset);
    }

    private static void WriteBytes(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        WriteVarint(writer, (ulong)bytes.Length);
        bytes.CopyTo(writer.GetSpan(bytes.Length));
        writer.Advance(bytes.Length);
    }

    private static void WriteVarint(ArrayBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(10);
        var count = 0;
        while (value >= 0x80)
        {
            span[count++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[count++] = (byte)value;
        writer.Advance(count);
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public byte ReadByte() =>
            _position < _data.Length ? _data[_position++] : throw new FormatException("Truncated MIME structure.");

        public ulong ReadVarint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = ReadByte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new FormatException("Malformed varint in MIME structure.");
        }

        /// <summary>A count of items that follow; each takes at least one byte, so a larger count is corrupt.</summary>
        public int ReadCount()
        {
            var count = ReadVarint();
            return count <= (ulong)(_data.Length - _position) ? (int)count : throw new FormatException("Corrupt count in MIME structure.");
        }

        public ReadOnlySpan<byte> ReadBytes()
        {
            var length = ReadCount();
            var bytes = _data.Slice(_position, length);
            _position += length;
            return bytes;
        }

        public readonly ReadOnlySpan<byte> Slice(int start, int length) => _data.Slice(start, length);

        /// <summary>Where the next length-prefixed bytes are, for a caller that slices its own memory.</summary>
        public (int Start, int Length) ReadSlice()
        {
            var length = ReadCount();
            var start = _position;
            _position += length;
            return (start, length);
        }

        public ByteRange? ReadRange()
        {
            var lengthPlusOne = ReadVarint();
            return lengthPlusOne == 0 ? null : new ByteRange((long)ReadVarint(), (long)lengthPlusOne - 1);
        }
    }
}
