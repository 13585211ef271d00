using ServerlessMail.Core;
using ServerlessMail.Imap.Search;
using ServerlessMail.Imap.Tests.Rendering;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Tests.Search;

/// <summary>A stored message built as the store builds it (structure from the real parser), counting blob loads.</summary>
internal sealed class SearchWorld
{
    private readonly byte[] _raw;

    public SearchWorld(byte[] raw, MessageFlags flags = MessageFlags.None, IReadOnlyList<string>? keywords = null, DateTimeOffset? internalDate = null)
    {
        _raw = raw;
        var parsed = MimeParser.Parse(raw);
        Message = new StoredMessage(
            "m1", "a1", "i1", "f1", Uid: 40, flags, keywords ?? [], internalDate ?? new DateTimeOffset(2024, 6, 5, 6, 30, 0, TimeSpan.Zero),
            raw.Length, ModSeq: 17, "t1", "blob", new MessageEnvelope("ana@example.org", ["ben@example.net"]),
            new MessageSummary(null, [], [], [], [], [], null, null, [], [], string.Empty, []),
            MimeStructureCodec.Serialize(parsed), null);
    }

    public StoredMessage Message { get; }

    public int Loads { get; private set; }

    public static SearchWorld FromCorpus(string name, MessageFlags flags = MessageFlags.None) => new(Render.Raw(name), flags);

    public SearchSubject Subject(bool recent = false, uint sequence = 3, uint largestSequence = 9, uint largestUid = 90) => new()
    {
        Message = MessageContent.Of(Message),
        SequenceNumber = sequence,
        IsRecent = recent,
        LargestSequence = largestSequence,
        LargestUid = largestUid,
        LoadMessageAsync = (_, _) =>
        {
            Loads++;
            return ValueTask.FromResult(MimeParser.Parse(_raw));
        },
    };

    public bool Matches(SearchKey key, bool recent = false) =>
        SearchEvaluator.MatchesAsync(key, Subject(recent), CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
