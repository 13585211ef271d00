using System.Buffers.Binary;
using System.Text.Json;

namespace ServerlessMail.Storage.Aws.Dynamo;

/// <summary>
/// A message is two items. Its state (UID, flags, keywords, MODSEQ) is small and lives in the folder's partition,
/// so SELECT, flag changes and the change feed read and write a few hundred bytes. Its body (envelope, summary,
/// structure) lives under the message id and only changes when the message moves. A body whose summary and
/// structure would push the item towards DynamoDB's 400 KB limit keeps them in chunk items beside it.
/// </summary>
internal static class MessageMapper
{
    /// <summary>Summary plus structure past this go to chunk items, leaving room for the envelope and keys.</summary>
    public const int InlinePayloadLimit = 300 * 1024;

    public const int ChunkSize = 350 * 1024;

    public static Item StateItem(string folderId, uint uid, string messageId, MessageFlags flags, IReadOnlyList<string> keywords, ulong modSeq) => new()
    {
        [Attr.Pk] = Av.S(Keys.Folder(folderId)),
        [Attr.Sk] = Av.S(Keys.State(uid)),
        [Attr.MessageId] = Av.S(messageId),
        [Attr.Flags] = Av.N((long)flags),
        [Attr.Keywords] = Av.Strings(keywords),
        [Attr.ModSeq] = Av.N(modSeq),
    };

    public static Item TombstoneItem(string folderId, uint uid, ulong modSeq) => new()
    {
        [Attr.Pk] = Av.S(Keys.Folder(folderId)),
        [Attr.Sk] = Av.S(Keys.Tombstone(uid)),
        [Attr.ModSeq] = Av.N(modSeq),
    };

    public static MessageState StateOf(Item state) => new(
        Keys.UidOf(state.Str(Attr.Sk)), state.Str(Attr.MessageId), (MessageFlags)state.Long(Attr.Flags),
        state.Strings(Attr.Keywords), state.ULong(Attr.ModSeq));

    /// <summary>The body item and any chunk items it needs.</summary>
    public static (Item Body, List<Item> Chunks) BodyItems(StoredMessage message)
    {
        var body = Av.Key(Keys.Message(message.Id), Keys.BodySk);
        body[Attr.Id] = Av.S(message.Id);
        body[Attr.AccountId] = Av.S(message.AccountId);
        body[Attr.InboxId] = Av.S(message.InboxId);
        body[Attr.FolderId] = Av.S(message.FolderId);
        body[Attr.Uid] = Av.N(message.Uid);
        body[Attr.InternalDate] = Av.Date(message.InternalDate);
        body[Attr.Size] = Av.N(message.Size);
        body[Attr.ThreadId] = Av.S(message.ThreadId);
        body[Attr.BlobKey] = Av.S(message.BlobKey);
        body[Attr.Envelope] = EnvelopeMapper.ToValue(message.Envelope);
        body.SetIfNotNull(Attr.DeliveryKey, message.DeliveryKey);
        body[Attr.Gsi3Pk] = Av.S(Keys.Thread(message.AccountId, message.ThreadId));
        body[Attr.Gsi3Sk] = Av.S(Keys.Ticks(message.InternalDate) + "#" + message.Id);

        var summary = JsonSerializer.SerializeToUtf8Bytes(message.Summary, AwsJsonContext.Default.MessageSummary);
        var chunks = new List<Item>();
        if (summary.Length + message.Structure.Length <= InlinePayloadLimit)
        {
            body[Attr.Summary] = Av.B(summary);
            body[Attr.Structure] = Av.B(message.Structure);
            return (body, chunks);
        }

        var payload = new byte[4 + summary.Length + message.Structure.Length];
        BinaryPrimitives.WriteInt32BigEndian(payload, summary.Length);
        summary.CopyTo(payload, 4);
        message.Structure.Span.CopyTo(payload.AsSpan(4 + summary.Length));
        for (var offset = 0; offset < payload.Length; offset += ChunkSize)
        {
            var chunk = Av.Key(Keys.Message(message.Id), Keys.Chunk(chunks.Count));
            chunk[Attr.Data] = Av.B(payload.AsMemory(offset, Math.Min(ChunkSize, payload.Length - offset)));
            chunks.Add(chunk);
        }

        body[Attr.Chunks] = Av.N(chunks.Count);
        return (body, chunks);
    }

    public static int ChunkCount(Item body) => (int)body.LongOrZero(Attr.Chunks);

    public static StoredMessage FromItems(Item body, Item state, IReadOnlyList<Item>? chunks = null)
    {
        byte[] summaryBytes;
        byte[] structure;
        if (ChunkCount(body) == 0)
        {
            summaryBytes = body.Bytes(Attr.Summary);
            structure = body.Bytes(Attr.Structure);
        }
        else
        {
            var payload = (chunks ?? throw new InvalidOperationException("A chunked message was read without its chunks."))
                .OrderBy(c => c.Str(Attr.Sk), StringComparer.Ordinal)
                .SelectMany(c => c.Bytes(Attr.Data))
                .ToArray();
            var summaryLength = BinaryPrimitives.ReadInt32BigEndian(payload);
            summaryBytes = payload[4..(4 + summaryLength)];
            structure = payload[(4 + summaryLength)..];
        }

        var summary = JsonSerializer.Deserialize(summaryBytes, AwsJsonContext.Default.MessageSummary)
            ?? throw new InvalidOperationException("A stored summary is empty.");
        return new StoredMessage(
            body.Str(Attr.Id), body.Str(Attr.AccountId), body.Str(Attr.InboxId), body.Str(Attr.FolderId), body.UInt(Attr.Uid),
            (MessageFlags)state.Long(Attr.Flags), state.Strings(Attr.Keywords), body.Date(Attr.InternalDate), body.Long(Attr.Size),
            state.ULong(Attr.ModSeq), body.Str(Attr.ThreadId), body.Str(Attr.BlobKey), EnvelopeMapper.FromValue(body.MapOf(Attr.Envelope)),
            summary, structure, body.StrOrNull(Attr.DeliveryKey));
    }
}
