using System.Buffers;
using ServerlessMail.Core;
using ServerlessMail.Imap.Rendering;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap;

/// <summary>
/// What never changes about one stored message (its date, size, blob and MIME structure), with the parts FETCH and
/// SEARCH derive from it, each computed once on first use: ENVELOPE, BODY and BODYSTRUCTURE as the bytes sent, and
/// the decoded top-level header fields. Flags, keywords and MODSEQ change, so they are never kept here; they come
/// from the session's map (<see cref="For"/>). Shared by sessions; a part computed twice by a race is the same bytes.
/// </summary>
internal sealed class CachedMessage
{
    // What an entry costs beyond its structure and rendered parts: the object and its strings.
    private const long Overhead = 256;

    private byte[]? _envelope;
    private byte[]? _body;
    private byte[]? _bodyStructure;
    private HeaderList? _topHeaders;
    private long _rendered;

    public CachedMessage(MessageContent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        MessageId = stored.Id;
        InternalDate = stored.InternalDate;
        Size = stored.Size;
        BlobKey = stored.BlobKey;
        Structure = stored.Structure;
    }

    public string MessageId { get; }

    public DateTimeOffset InternalDate { get; }

    public long Size { get; }

    public string BlobKey { get; }

    public ReadOnlyMemory<byte> Structure { get; }

    /// <summary>
    /// The bytes this entry holds, at most: the structure, its decoded header fields (UTF-16, so at most twice the
    /// structure), the parts rendered so far and the object itself. It grows as parts are rendered.
    /// </summary>
    public long Charge => Structure.Length * 3L + Interlocked.Read(ref _rendered) + Overhead + (BlobKey.Length + MessageId.Length) * 2L;

    /// <summary>Told the size of each part rendered, so the cache that holds this entry can count it.</summary>
    public Action<long>? Rendered { get; set; }

    /// <summary>The top-level header fields the structure keeps (the envelope fields and Content-*), decoded on demand.</summary>
    public HeaderList TopHeaders => _topHeaders ??= MimeStructureCodec.DeserializeTopHeaders(Structure);

    /// <summary>The stored message as the session sees it now: this content with the state's flags and MODSEQ.</summary>
    public MessageContent For(MessageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new MessageContent(state.MessageId, state.Uid, state.Flags, state.Keywords, InternalDate, Size, state.ModSeq, BlobKey, Structure);
    }

    /// <summary>The ENVELOPE's bytes; <paramref name="structure"/> is the caller's decoded structure, filled if needed.</summary>
    public ReadOnlySpan<byte> Envelope(ref MimeMessage? structure) =>
        _envelope ??= Render(ref structure, static (output, root) => EnvelopeWriter.Write(output, root));

    /// <summary>BODYSTRUCTURE's (<paramref name="extended"/>) or BODY's bytes.</summary>
    public ReadOnlySpan<byte> BodyStructure(bool extended, ref MimeMessage? structure) => extended
        ? _bodyStructure ??= Render(ref structure, static (output, root) => BodyStructureWriter.Write(output, root, true))
        : _body ??= Render(ref structure, static (output, root) => BodyStructureWriter.Write(output, root, false));

    private byte[] Render(ref MimeMessage? structure, Action<IBufferWriter<byte>, MimeEntity> write)
    {
        structure ??= MimeStructureCodec.Deserialize(Structure);
        var output = new ArrayBufferWriter<byte>(256);
        write(output, structure.Root);
        Interlocked.Add(ref _rendered, output.WrittenCount);
        Rendered?.Invoke(output.WrittenCount);
        return output.WrittenSpan.ToArray();
    }
}
