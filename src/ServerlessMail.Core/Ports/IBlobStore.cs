namespace ServerlessMail.Core;

/// <summary>
/// Raw messages, by key. Keys are relative paths such as <c>raw/2026/11/22/ing_….eml</c>. One blob can have several
/// users: the messages that share it (deliveries to several inboxes, copies, an outbound message's Sent copy), an
/// outbound message until it leaves <c>queued</c>/<c>sending</c>, and an accepted message until it is delivered. A
/// blob is needed while any of them is left; the metadata store returns a key from an expunge or a deletion only
/// when none is, and only such keys may be deleted.
/// </summary>
public interface IBlobStore
{
    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="key"/>. When the task completes the bytes are durable
    /// (fsynced locally, or PUT to S3) and a reader sees either nothing or the whole object, never a part of it.
    /// Putting a key again replaces it.
    /// </summary>
    Task<long> PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens the whole object. Missing key: <see cref="MailStoreException"/> with <see cref="MailStoreError.NotFound"/>.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens <paramref name="length"/> bytes at <paramref name="offset"/> (fewer at the end of the object). This is how
    /// IMAP serves <c>BODY[1.2]</c>: a ranged read at offsets recorded at ingest. A negative offset or length:
    /// <see cref="MailStoreError.InvalidArgument"/>.
    /// </summary>
    Task<Stream> OpenRangeAsync(string key, long offset, long length, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object; deleting a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
