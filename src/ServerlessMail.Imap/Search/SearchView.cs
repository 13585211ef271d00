using ServerlessMail.Mime;

namespace ServerlessMail.Imap.Search;

/// <summary>
/// One message as the evaluator reads it: the stored top-level header fields are decoded at most once (not the part tree), and the raw message is
/// loaded at most once and only when a key needs it, so a search over many messages touches no blob unless asked.
/// </summary>
internal sealed class SearchView(SearchSubject subject)
{
    private HeaderList? _storedHeaders;
    private MimeMessage? _content;

    public SearchSubject Subject { get; } = subject;

    /// <summary>The top-level header fields MimeStructureCodec keeps: the envelope fields and every Content-* field.</summary>
    public HeaderList StoredHeaders => _storedHeaders ??=
        Subject.Cached?.TopHeaders ?? MimeStructureCodec.DeserializeTopHeaders(Subject.Message.Structure);

    public async ValueTask<MimeMessage> LoadAsync(CancellationToken cancellationToken) =>
        _content ??= await Subject.LoadMessageAsync(Subject.Message, cancellationToken).ConfigureAwait(false);
}
