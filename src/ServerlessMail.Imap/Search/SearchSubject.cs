using ServerlessMail.Core;
using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Search;

/// <summary>What the evaluator sees of one message.</summary>
internal sealed class SearchSubject
{
    public required MessageContent Message { get; init; }

    /// <summary>The server's cache entry for the message, whose decoded header fields are shared; null for keys on state only.</summary>
    public CachedMessage? Cached { get; init; }

    public required uint SequenceNumber { get; init; }

    public required bool IsRecent { get; init; }

    /// <summary>What '*' means in a sequence-number set.</summary>
    public required uint LargestSequence { get; init; }

    /// <summary>What '*' means in a UID set.</summary>
    public required uint LargestUid { get; init; }

    /// <summary>
    /// Loads and parses the whole raw message (with a content source); only HEADER, BODY and TEXT need it. One
    /// delegate serves a whole scan: it is given the message to load.
    /// </summary>
    public required Func<MessageContent, CancellationToken, ValueTask<MimeMessage>> LoadMessageAsync { get; init; }
}
