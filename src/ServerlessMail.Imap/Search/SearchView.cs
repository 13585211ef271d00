using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Search;

/// <summary>
/// One message as the evaluator reads it: the stored structure is decoded at most once, and the raw message is
/// loaded at most once and only when a key needs it, so a search over many messages touches no blob unless asked.
/// </summary>
internal sealed class SearchView(SearchSubject subject)
{
    private MimeMessage? _structure;
    private MimeMessage? _content;

    public SearchSubject Subject { get; } = subject;

    /// <summary>The top-level header fields MimeStructureCodec keeps: the envelope fields and every Content-* field.</summary>
    public HeaderList StoredHeaders => (_structure ??= MimeStructureCodec.Deserialize(Subject.Message.Structure.Span)).Headers;

    public async ValueTask<MimeMessage> LoadAsync(CancellationToken cancellationToken) =>
        _content ??= await Subject.LoadMessageAsync(cancellationToken).ConfigureAwait(false);
}
